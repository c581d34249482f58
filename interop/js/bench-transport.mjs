// Transport benchmark, js side: the same measurements bench/Mesh.Bench makes for Mesh.Libp2p, run here
// for js-libp2p 3.x and for Node's raw TCP, both over loopback, client and server in this one process.
//
//   node bench-transport.mjs [--setup-iterations N] [--throughput-mib M] [--throughput-runs R]
//
// Prints one JSON object: for "raw-tcp" and "js-libp2p", setup (connect, secure, mux, open a stream,
// 1-byte request and response) in ms as median and p95, and single-stream throughput in MiB/s (best run).
import './polyfill.mjs'
import net from 'node:net'

const { createLibp2p } = await import('libp2p')
const { tcp } = await import('@libp2p/tcp')
const { noise } = await import('@chainsafe/libp2p-noise')
const { yamux } = await import('@chainsafe/libp2p-yamux')

function option (name, fallback) {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

const setupIterations = option('--setup-iterations', 50)
const throughputMiB = option('--throughput-mib', 256)
const throughputRuns = option('--throughput-runs', 3)
const chunk = Buffer.alloc(64 * 1024, 7)

function summary (samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return { median: at(0.5), p95: at(0.95), n: sorted.length }
}

// ---- raw TCP: the same request/response and sink shapes over plain sockets ----
async function rawTcp () {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true)
    socket.on('error', () => {}) // the client resets after each setup round
    let mode = null
    let count = 0
    socket.on('data', (data) => {
      if (mode === null) {
        mode = data[0]
        data = data.subarray(1)
        if (mode === 1) { socket.write(Buffer.from([1])); return } // request/response
      }
      count += data.length
    })
    socket.on('end', () => {
      if (mode === 2) {
        const reply = Buffer.alloc(8)
        reply.writeBigUInt64BE(BigInt(count))
        socket.end(reply)
      } else socket.end()
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  const connect = () => new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1' }, () => resolve(s))
    s.setNoDelay(true)
    s.once('error', reject)
  })

  const setups = []
  for (let i = 0; i < setupIterations + 5; i++) {
    const started = performance.now()
    const s = await connect()
    s.write(Buffer.from([1]))
    await new Promise((resolve) => s.once('data', resolve))
    const elapsed = performance.now() - started
    await new Promise((resolve) => { s.once('close', resolve); s.end() })
    if (i >= 5) setups.push(elapsed)
  }

  let best = 0
  for (let r = 0; r < throughputRuns; r++) {
    const s = await connect()
    const total = throughputMiB * 1024 * 1024
    const started = performance.now()
    const done = new Promise((resolve) => s.once('data', resolve))
    s.write(Buffer.from([2]))
    for (let sent = 0; sent < total; sent += chunk.length) {
      if (!s.write(chunk)) await new Promise((resolve) => s.once('drain', resolve))
    }
    s.end()
    await done
    best = Math.max(best, throughputMiB / ((performance.now() - started) / 1000))
    s.destroy()
  }
  server.close()
  return { setupMs: summary(setups), throughputMiBs: best }
}

// ---- js-libp2p: TCP + Noise + yamux, the default stack ----
async function jsLibp2p () {
  const make = () => createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionMonitor: { enabled: false },
    // js limits inbound connections to 5 a second per host by default; the setup loop dials faster.
    connectionManager: { inboundConnectionThreshold: 100_000, maxIncomingPendingConnections: 1000 }
  })
  const server = await make()
  const client = await make()

  await server.handle('/bench/rr/1.0.0', async (stream) => {
    for await (const _ of stream) { stream.send(new Uint8Array([1])); break }
    await stream.close()
  })
  await server.handle('/bench/sink/1.0.0', async (stream) => {
    let count = 0
    for await (const data of stream) count += data.byteLength
    const reply = Buffer.alloc(8)
    reply.writeBigUInt64BE(BigInt(count))
    stream.send(reply)
    await stream.close()
  })
  const addr = server.getMultiaddrs()[0]

  const setups = []
  for (let i = 0; i < setupIterations + 5; i++) {
    const started = performance.now()
    const stream = await client.dialProtocol(addr, '/bench/rr/1.0.0')
    const reply = (async () => { for await (const _ of stream) return })()
    stream.send(new Uint8Array([1]))
    await reply
    const elapsed = performance.now() - started
    await client.hangUp(server.peerId)
    if (i >= 5) setups.push(elapsed)
  }

  let best = 0
  for (let r = 0; r < throughputRuns; r++) {
    const stream = await client.dialProtocol(addr, '/bench/sink/1.0.0')
    const total = throughputMiB * 1024 * 1024
    const started = performance.now()
    const done = (async () => { for await (const _ of stream) return })()
    for (let sent = 0; sent < total; sent += chunk.length) {
      if (!stream.send(chunk)) {
        await new Promise((resolve) => stream.addEventListener('drain', resolve, { once: true }))
      }
    }
    await stream.close()
    await done
    best = Math.max(best, throughputMiB / ((performance.now() - started) / 1000))
  }
  await client.stop()
  await server.stop()
  return { setupMs: summary(setups), throughputMiBs: best }
}

const result = { node: process.version, rawTcp: await rawTcp(), jsLibp2p: await jsLibp2p() }
process.stdout.write(JSON.stringify(result) + '\n')
process.exit(0)
