// A js-libp2p peer driven over stdin/stdout by Mesh's interop tests and benchmarks.
//
//   node peer.mjs [--listen MULTIADDR] [--psk SWARM_KEY_FILE] [--seed HEX32] [--gossip] [--mdns]
//
// --gossip turns on @libp2p/gossipsub (see the subscribe/publish commands below).
// --mdns turns on @libp2p/mdns discovery and dials each discovered peer that is not connected (libp2p 3 has no
// autodialer); it adds {"event":"peer:discovery","peer","addrs"} and {"event":"dial:error","peer","error"} events.
// Only use it inside a network namespace made for the test: it multicasts.
// --timestamps adds "t" to every line: process.hrtime.bigint() as a string, CLOCK_MONOTONIC nanoseconds, the clock
// .NET's Stopwatch.GetTimestamp() reads on Linux, so a benchmark can compare times across processes.
//
// It prints one JSON object per line. First {"event":"ready","peerId","addrs"}, then events
// (peer:connect, peer:disconnect, peer:identify) and one reply per command. Commands are JSON lines
// on stdin, each with an "id" that the reply carries back:
//   {"id":1,"cmd":"dial","addr":"/ip4/.../p2p/..."}          -> {"id":1,"ok":true,"peer":...}
//   {"id":2,"cmd":"ping","peer":"12D3..."}                     -> {"id":2,"ok":true,"rttMs":...}
//   {"id":3,"cmd":"echo","peer":"12D3...","bytes":N,"streams":K} -> K parallel /echo/1.0.0 streams of N random bytes,
//                                                                  each echo checked by SHA-256 -> {"ok":true,"ms":...}
//   {"id":4,"cmd":"peerInfo","peer":"12D3..."}                  -> protocols and agent version the peer store learned by identify
//   {"id":5,"cmd":"connections"}                                -> the peers connected now
//   {"id":6,"cmd":"stop"}                                       -> stops the node and exits
// With --gossip the node also runs @libp2p/gossipsub (js defaults) and accepts:
//   {"id":7,"cmd":"subscribe","topic":"t"}                      -> {"ok":true}
//   {"id":8,"cmd":"unsubscribe","topic":"t"}                    -> {"ok":true}
//   {"id":9,"cmd":"publish","topic":"t","dataBase64":"..."}     -> {"ok":true,"recipients":[...]}
//   {"id":10,"cmd":"subscribers","topic":"t"}                   -> {"ok":true,"peers":[...]} (peers js knows subscribe)
//   {"id":11,"cmd":"meshPeers","topic":"t"}                     -> {"ok":true,"peers":[...]}
//   {"id":12,"cmd":"publishStamped","topic":"t","prefix":"m1"} -> publishes the UTF-8 text "m1:<hrtime ns>" stamped
//                                                                  just before publish -> {"ok":true,"recipients":[...]}
// and emits {"event":"message","topic","from","dataBase64","seqno"} for every message it receives.
// Errors come back as {"id":..,"ok":false,"error":"..."}; the process keeps serving.
import './polyfill.mjs'
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'

const { createLibp2p } = await import('libp2p')
const { tcp } = await import('@libp2p/tcp')
const { noise } = await import('@chainsafe/libp2p-noise')
const { yamux } = await import('@chainsafe/libp2p-yamux')
const { identify } = await import('@libp2p/identify')
const { ping } = await import('@libp2p/ping')
const { echo } = await import('@libp2p/echo')
const { preSharedKey } = await import('@libp2p/pnet')
const { peerIdFromString } = await import('@libp2p/peer-id')
const { multiaddr } = await import('@multiformats/multiaddr')
const { generateKeyPairFromSeed } = await import('@libp2p/crypto/keys')
const withGossip = process.argv.includes('--gossip')
const { gossipsub } = withGossip ? await import('@libp2p/gossipsub') : {}
const useMdns = process.argv.includes('--mdns')
const { mdns } = useMdns ? await import('@libp2p/mdns') : {}

function option (name) {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const timestamps = process.argv.includes('--timestamps')

function emit (obj) {
  process.stdout.write(JSON.stringify(timestamps ? { ...obj, t: process.hrtime.bigint().toString() } : obj) + '\n')
}

const listen = option('--listen') ?? '/ip4/127.0.0.1/tcp/0'
const pskFile = option('--psk')
const seed = option('--seed')

const node = await createLibp2p({
  privateKey: seed ? await generateKeyPairFromSeed('Ed25519', Buffer.from(seed, 'hex')) : undefined,
  addresses: { listen: [listen] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  connectionProtector: pskFile ? preSharedKey({ psk: readFileSync(pskFile) }) : undefined,
  peerDiscovery: useMdns ? [mdns()] : [],
  services: {
    identify: identify(),
    ping: ping(),
    echo: echo({ maxInboundStreams: 256, maxOutboundStreams: 256, timeout: 120_000 }),
    ...(withGossip ? { pubsub: gossipsub() } : {})
  }
})

if (withGossip) {
  node.services.pubsub.addEventListener('message', (evt) => emit({
    event: 'message',
    topic: evt.detail.topic,
    from: evt.detail.from?.toString() ?? null,
    dataBase64: Buffer.from(evt.detail.data).toString('base64'),
    seqno: evt.detail.sequenceNumber?.toString() ?? null
  }))
}

function pubsub () {
  if (!withGossip) throw new Error('start the peer with --gossip')
  return node.services.pubsub
}

node.addEventListener('peer:connect', (evt) => emit({ event: 'peer:connect', peer: evt.detail.toString() }))
node.addEventListener('peer:disconnect', (evt) => emit({ event: 'peer:disconnect', peer: evt.detail.toString() }))
node.addEventListener('peer:identify', (evt) => emit({
  event: 'peer:identify',
  peer: evt.detail.peerId.toString(),
  protocols: evt.detail.protocols,
  agentVersion: evt.detail.agentVersion,
  listenAddrs: evt.detail.listenAddrs.map(a => a.toString())
}))

if (useMdns) {
  node.addEventListener('peer:discovery', (evt) => {
    const peer = evt.detail.id
    emit({ event: 'peer:discovery', peer: peer.toString(), addrs: evt.detail.multiaddrs.map(a => a.toString()) })
    if (node.getConnections(peer).length === 0) {
      node.dial(peer, { signal: AbortSignal.timeout(10_000) })
        .catch(err => emit({ event: 'dial:error', peer: peer.toString(), error: String(err?.message ?? err) }))
    }
  })
}

async function echoOnce (peer, size) {
  const payload = randomBytes(size)
  const expected = createHash('sha256').update(payload).digest('hex')
  const stream = await node.dialProtocol(peer, '/echo/1.0.0', { signal: AbortSignal.timeout(120_000) })
  const hash = createHash('sha256')
  let received = 0
  const reading = (async () => {
    for await (const chunk of stream) {
      const bytes = chunk.subarray ? chunk.subarray() : chunk
      hash.update(bytes)
      received += bytes.byteLength
    }
  })()
  const chunkSize = 64 * 1024
  for (let off = 0; off < size; off += chunkSize) {
    if (!stream.send(payload.subarray(off, Math.min(size, off + chunkSize)))) {
      await new Promise((resolve, reject) => {
        stream.addEventListener('drain', resolve, { once: true })
        stream.addEventListener('close', () => reject(new Error('stream closed while writing')), { once: true })
      })
    }
  }
  await stream.close()
  await reading
  if (received !== size) throw new Error(`echo returned ${received} of ${size} bytes`)
  if (hash.digest('hex') !== expected) throw new Error('echo returned different bytes (sha256 mismatch)')
}

const commands = {
  async dial ({ addr }) {
    const conn = await node.dial(multiaddr(addr), { signal: AbortSignal.timeout(10_000) })
    return { peer: conn.remotePeer.toString() }
  },
  async ping ({ peer }) {
    return { rttMs: await node.services.ping.ping(peerIdFromString(peer), { signal: AbortSignal.timeout(10_000) }) }
  },
  async echo ({ peer, bytes, streams }) {
    const target = peerIdFromString(peer)
    const started = performance.now()
    await Promise.all(Array.from({ length: streams ?? 1 }, () => echoOnce(target, bytes ?? 1024)))
    return { ms: performance.now() - started }
  },
  async peerInfo ({ peer }) {
    const info = await node.peerStore.get(peerIdFromString(peer))
    const agent = info.metadata.get('AgentVersion')
    return {
      protocols: info.protocols,
      agentVersion: agent ? new TextDecoder().decode(agent) : null,
      addrs: info.addresses.map(a => a.multiaddr.toString())
    }
  },
  async connections () {
    return { peers: node.getConnections().map(c => c.remotePeer.toString()) }
  },
  async hangup ({ peer }) {
    await node.hangUp(peerIdFromString(peer))
    return {}
  },
  async subscribe ({ topic }) {
    pubsub().subscribe(topic)
    return {}
  },
  async unsubscribe ({ topic }) {
    pubsub().unsubscribe(topic)
    return {}
  },
  async publish ({ topic, dataBase64 }) {
    const result = await pubsub().publish(topic, Buffer.from(dataBase64 ?? '', 'base64'))
    return { recipients: result.recipients.map(p => p.toString()) }
  },
  async publishStamped ({ topic, prefix }) {
    const data = new TextEncoder().encode(`${prefix}:${process.hrtime.bigint()}`)
    const result = await pubsub().publish(topic, data)
    return { recipients: result.recipients.map(p => p.toString()) }
  },
  async subscribers ({ topic }) {
    return { peers: pubsub().getSubscribers(topic).map(p => p.toString()) }
  },
  async meshPeers ({ topic }) {
    return { peers: (pubsub().getMeshPeers?.(topic) ?? []).map(p => p.toString()) }
  },
  async stop () {
    await node.stop()
    setTimeout(() => process.exit(0), 50)
    return {}
  }
}

emit({ event: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(a => a.toString()) })

const lines = createInterface({ input: process.stdin })
lines.on('line', async (line) => {
  let request
  try {
    request = JSON.parse(line)
  } catch {
    emit({ ok: false, error: 'not JSON: ' + line.slice(0, 80) })
    return
  }
  const handler = commands[request.cmd]
  if (!handler) {
    emit({ id: request.id, ok: false, error: `unknown command ${request.cmd}` })
    return
  }
  try {
    emit({ id: request.id, ok: true, ...(await handler(request)) })
  } catch (err) {
    emit({ id: request.id, ok: false, error: String(err?.stack ?? err) })
  }
})
// The test harness closes stdin when it is done: stop cleanly then.
lines.on('close', async () => {
  await node.stop().catch(() => {})
  process.exit(0)
})
