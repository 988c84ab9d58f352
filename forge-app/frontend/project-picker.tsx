/** @jsxImportSource react */
// Picks the projects the portal may see: a searchable multi-select over what the app can read, saved as the allow-list.
import { useEffect, useMemo, useState } from 'react'
import { Button, Heading, Inline, Label, SectionMessage, Select, Stack, Text } from '@forge/react'
import { z } from 'zod'
import type { ProjectOption } from '../resolvers/definitions.js'
import type { AllowedProject, AllowList } from '../storage/allow-list.js'
import { callAdmin } from './admin-api.js'

interface SelectOption {
  label: string
  value: string
}

// Select hands back whatever options it holds; read them as data, not as a type we hope for.
const chosenSchema = z.array(z.looseObject({ value: z.string() })).nullable()

const SEARCH_DELAY_MS = 300

function toOption(project: AllowedProject): SelectOption {
  return { label: `${project.key} — ${project.name}`, value: project.id }
}

export function ProjectPicker(props: { initial: AllowList; onSaved: (list: AllowList) => void }) {
  const [selected, setSelected] = useState<AllowedProject[]>(props.initial.projects)
  const [found, setFound] = useState<ProjectOption[]>([])
  const [query, setQuery] = useState('')
  const [nextStartAt, setNextStartAt] = useState<number | null>(null)
  const [loading, setLoading] = useState(false)
  const [saving, setSaving] = useState(false)
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)

  async function search(text: string, startAt: number) {
    setLoading(true)
    const answer = await callAdmin('searchProjects', { query: text, startAt })
    setLoading(false)
    if (!answer.ok) return setMessage({ kind: 'error', text: answer.error.message })
    setFound((previous) => (startAt === 0 ? answer.data.projects : [...previous, ...answer.data.projects]))
    setNextStartAt(answer.data.nextStartAt)
  }

  useEffect(() => {
    const timer = setTimeout(() => void search(query, 0), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [query])

  // Everything the select can name: what was saved, picked, or found.
  const known = useMemo(() => {
    const byId = new Map<string, AllowedProject>()
    for (const project of [...props.initial.projects, ...selected, ...found]) {
      byId.set(project.id, { id: project.id, key: project.key, name: project.name })
    }
    return byId
  }, [props.initial.projects, selected, found])

  function choose(value: unknown) {
    const chosen = chosenSchema.safeParse(value)
    if (!chosen.success) return
    setSelected((chosen.data ?? []).flatMap((option) => known.get(option.value) ?? []))
    setMessage(null)
  }

  async function save() {
    setSaving(true)
    const answer = await callAdmin('setAllowList', { projects: selected })
    setSaving(false)
    if (!answer.ok) return setMessage({ kind: 'error', text: answer.error.message })
    setSelected(answer.data.projects)
    setMessage({ kind: 'success', text: `Saved: the portal may see ${answer.data.projects.length} project(s).` })
    props.onSaved(answer.data)
  }

  return (
    <Stack space="space.100">
      <Heading size="small">Projects the portal may see</Heading>
      <Text>
        The portal reads epics and their progress only from these projects, as this app. Projects not listed here stay
        invisible to it.
      </Text>
      <Label labelFor="allowed-projects">Projects</Label>
      <Select
        inputId="allowed-projects"
        isMulti
        isSearchable
        isLoading={loading}
        placeholder="Type a project key or name"
        options={found.map(toOption)}
        value={selected.map(toOption)}
        onInputChange={(text: string) => setQuery(text)}
        onChange={choose}
      />
      {message ? <SectionMessage appearance={message.kind}>{message.text}</SectionMessage> : null}
      <Inline space="space.100">
        <Button appearance="primary" isDisabled={saving} onClick={() => void save()}>
          Save
        </Button>
        {nextStartAt !== null ? (
          <Button isDisabled={loading} onClick={() => void search(query, nextStartAt)}>
            Load more projects
          </Button>
        ) : null}
      </Inline>
    </Stack>
  )
}
