// Story-points fields and epic types are found by what they are, not by a fixed id or name.
import { epicTypeIds, storyPointsFieldIds } from './site-facts.js'

test('finds both kinds of story-points field, Jira Software type first', () => {
  const ids = storyPointsFieldIds([
    { id: 'summary', name: 'Summary', schema: { type: 'string', system: 'summary' } },
    { id: 'customfield_10028', name: 'Story Points', schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float' } },
    { id: 'customfield_10016', name: 'Story point estimate', schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points' } },
    { id: 'customfield_10040', name: 'Story Points', schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' } },
    { id: 'customfield_10050', name: 'Points', schema: { type: 'number' } },
  ])
  expect(ids).toEqual(['customfield_10016', 'customfield_10028'])
})

test('a site without a story-points field has none', () => {
  expect(storyPointsFieldIds([{ id: 'summary', name: 'Summary' }])).toEqual([])
})

test('epic types are those at hierarchy level 1, whatever their localized name', () => {
  expect(
    epicTypeIds([
      { id: '10000', name: 'Epic', hierarchyLevel: 1 },
      { id: '10001', name: 'Story', hierarchyLevel: 0 },
      { id: '10002', name: 'Sub-task', hierarchyLevel: -1, subtask: true },
      { id: '10100', name: 'Épopée', hierarchyLevel: 1, scope: { type: 'PROJECT', project: { id: '10010' } } },
      { id: '10200', name: 'Initiative', hierarchyLevel: 2 },
    ]),
  ).toEqual(['10000', '10100'])
})
