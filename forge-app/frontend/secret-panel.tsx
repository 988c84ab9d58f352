/** @jsxImportSource react */
// Generates or rotates the portal secret and shows it once; afterwards only its fingerprint.
import { useEffect, useState } from 'react'
import { Button, CodeBlock, Heading, Inline, SectionMessage, Stack, Text } from '@forge/react'
import type { SecretStatus } from '../storage/portal-secret.js'
import { callAdmin } from './admin-api.js'

type Step = 'idle' | 'confirming' | 'rotating'

export function SecretPanel() {
  const [status, setStatus] = useState<SecretStatus | null | undefined>(undefined)
  const [shown, setShown] = useState<string | null>(null)
  const [step, setStep] = useState<Step>('idle')
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void callAdmin('getSecretStatus').then((answer) => {
      if (answer.ok) setStatus(answer.data)
      else setError(answer.error.message)
    })
  }, [])

  async function rotate() {
    setStep('rotating')
    setError(null)
    const answer = await callAdmin('rotateSecret')
    setStep('idle')
    if (!answer.ok) return setError(answer.error.message)
    const { secret, ...rest } = answer.data
    setStatus(rest)
    setShown(secret)
  }

  return (
    <Stack space="space.100">
      <Heading size="small">Portal secret</Heading>
      <Text>
        The portal signs every request with this secret. Paste it into the portal's Jira connection, field “Secret”.
        {status ? ` The live secret's fingerprint is ${status.fingerprint}, created ${new Date(status.createdAt).toLocaleString()}.` : ''}
      </Text>
      {error ? <SectionMessage appearance="error">{error}</SectionMessage> : null}
      {status === null && !shown ? (
        <SectionMessage appearance="information">No secret yet: the portal cannot connect until you generate one.</SectionMessage>
      ) : null}
      {shown ? (
        <SectionMessage appearance="warning" title="Copy the secret now: it will not be shown again">
          <Stack space="space.100">
            <CodeBlock text={shown} language="text" />
            <Button onClick={() => setShown(null)}>I have copied it</Button>
          </Stack>
        </SectionMessage>
      ) : null}
      {step === 'confirming' ? (
        <SectionMessage appearance="warning" title="Rotate the secret?">
          <Stack space="space.100">
            <Text>The current secret stops working at once: the portal gets no answers until the new one is pasted there.</Text>
            <Inline space="space.100">
              <Button appearance="warning" onClick={() => void rotate()}>
                Rotate
              </Button>
              <Button appearance="subtle" onClick={() => setStep('idle')}>
                Cancel
              </Button>
            </Inline>
          </Stack>
        </SectionMessage>
      ) : (
        <Inline>
          <Button
            appearance="primary"
            isDisabled={status === undefined || step === 'rotating'}
            onClick={() => (status ? setStep('confirming') : void rotate())}
          >
            {status ? 'Rotate secret' : 'Generate secret'}
          </Button>
        </Inline>
      )}
    </Stack>
  )
}
