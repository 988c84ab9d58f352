/**
 * @module
 * Which network addresses a Jira site may resolve to. A site URL is typed by a user, so
 * without this check the portal could be made to call its own loopback, the cloud metadata
 * service or the office network (server-side request forgery).
 */
import { BlockList, isIP } from 'node:net'

const inward = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  inward.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  inward.addSubnet(network, prefix, 'ipv6')
}

/** The IPv4 address inside an IPv4-mapped, NAT64 or 6to4 IPv6 address, if any. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase()
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower)
  if (dotted) return dotted[1]!
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower)
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower)
  const parts = hex ?? sixToFour
  if (!parts) return null
  const high = parseInt(parts[1]!, 16)
  const low = parseInt(parts[2]!, 16)
  return [high >> 8, high & 255, low >> 8, low & 255].join('.')
}

/** True when `address` is a public unicast address a Jira Cloud site may live at. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return !inward.check(address, 'ipv4')
  if (family === 6) {
    const v4 = embeddedIpv4(address)
    if (v4) return !inward.check(v4, 'ipv4')
    if (address.toLowerCase().startsWith('::ffff:')) return false
    return !inward.check(address, 'ipv6')
  }
  return false
}
