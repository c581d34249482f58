// An independent reader and writer of Mesh task protocol frames (/mesh/task/1.0.0), written only from
// docs/protocol.md ("Task protocol"), so that Mesh's tests can show another implementation can speak it.
//
//   node task-wire.mjs decode HEX   -> prints every frame in HEX as JSON lines: {"status":"ok","type":"RunRequest","message":{...}}
//                                      or {"status":"needMore"} / {"status":"invalid","reason":"..."}; exit code 0 only if all are ok
//   node task-wire.mjs encode JSON  -> prints one frame as hex; JSON is {"type":"OutputChunk","message":{...}} in the decode form
//
// JSON form: 64-bit integers (attempt ids, offsets, sizes, timestamps, memory) are decimal strings; task ids are their
// 26-character text; sha256s, data and peer ids are lowercase hex; times are milliseconds since the Unix epoch.
//
// Known leniency: @msgpack/msgpack cannot tell float64 2.0 from integer 2 and keeps the last of a repeated map key, so
// this reader does not refuse those as Mesh's does; invalid UTF-8 becomes replacement characters.
import { decode, encode } from '@msgpack/msgpack'

// docs/protocol.md, "Task protocol", "Limits" (the defaults).
const LIMITS = {
  message: 1024 * 1024, chunk: 256 * 1024, args: 4096, argvBytes: 128 * 1024, envEntries: 256, envBytes: 64 * 1024,
  inputs: 1000, outputGlobs: 64, outputFiles: 1000, path: 1024, text: 4096, stealTasks: 256, mapEntries: 64, tuple: 16
}

const TYPES = [null, 'RunRequest', 'RunAccepted', 'RunRefused', 'InputRequest', 'InputData', 'OutputChunk', 'OutputCredit',
  'LeaseRenew', 'LeaseRenewed', 'LeaseLost', 'RunResult', 'ResultAck', 'OutputFileData', 'Cancel', 'StealRequest', 'StealOffer']

const INT64_MAX = 2n ** 63n - 1n
const UINT64_MAX = 2n ** 64n - 1n
const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz'

class Invalid extends Error {}
const invalid = (reason) => { throw new Invalid(reason) }

// ---------------------------------------------------------------- value readers

function integer (value, what, min = -INT64_MAX - 1n, max = INT64_MAX) {
  if (typeof value === 'number' && Number.isInteger(value)) value = BigInt(value)
  if (typeof value !== 'bigint') invalid(`${what} is not an integer`)
  if (value < min || value > max) invalid(`${what} is out of range`)
  return value
}
const nonNegative = (value, what) => integer(value, what, 0n)
const small = (value, what, min, max) => Number(integer(value, what, BigInt(min), BigInt(max)))
const decimal = (value, what) => nonNegative(value, what).toString()

function amount (value, what) {
  if (typeof value === 'bigint') value = Number(value)
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) invalid(`${what} is negative or not a finite number`)
  return value
}

function bin (value, max, what) {
  if (!(value instanceof Uint8Array)) invalid(`${what} is not binary`)
  if (value.length > max) invalid(`${what} is over ${max} bytes`)
  return value
}
const hex = (bytes) => Buffer.from(bytes).toString('hex')

function string (value, max, what) {
  if (typeof value !== 'string') invalid(`${what} is not a string`)
  const bytes = Buffer.byteLength(value, 'utf8')
  if (bytes > max) invalid(`${what} is over ${max} bytes`)
  return [value, bytes]
}
const text = (value, max, what) => string(value, max, what)[0]
const optional = (value, read) => (value === null || value === undefined ? null : read(value))

function array (value, max, what, minLength = 0) {
  if (!Array.isArray(value)) invalid(`${what} is not an array`)
  if (value.length > max) invalid(`${what} has ${value.length} elements, over ${max}`)
  if (value.length < minLength) invalid(`${what} has fewer than ${minLength} elements`)
  return value
}

function bool (value, what) {
  if (typeof value !== 'boolean') invalid(`${what} is not a boolean`)
  return value
}

/** A body map: integer keys only; the fields of `required` must be present. Unknown keys are ignored. */
function body (value, what, required) {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) invalid(`${what} is not a map`)
  const keys = Object.keys(value)
  if (keys.length > LIMITS.mapEntries) invalid(`${what} has ${keys.length} entries, over ${LIMITS.mapEntries}`)
  for (const key of keys) if (!/^-?\d+$/.test(key)) invalid(`a key of ${what} is not an integer`)
  for (const key of required) if (!(String(key) in value)) invalid(`${what} lacks required key ${key}`)
  return value
}

function taskId (value) {
  const bytes = bin(value, 16, 'the task id')
  if (bytes.length !== 16) invalid('the task id is not 16 bytes')
  let n = BigInt('0x' + (hex(bytes) || '0'))
  if (n === 0n) invalid('the task id is zero')
  let out = ''
  for (let i = 0; i < 26; i++) { out = CROCKFORD[Number(n & 31n)] + out; n >>= 5n }
  return out
}

function attemptId (value) {
  const id = integer(value, 'the attempt id', 1n, UINT64_MAX)
  return id.toString()
}

function sha256 (value, what) {
  const bytes = bin(value, 32, what)
  if (bytes.length !== 32) invalid(`${what} is not 32 bytes`)
  return hex(bytes)
}

const timestamp = (value, what) => integer(value, what, -62135596800000n, 253402300799999n).toString()
const chunk = (value, what) => hex(bin(value, LIMITS.chunk, what))

function resources (value, what) {
  array(value, LIMITS.tuple, what, 4)
  return {
    cpu: amount(value[0], `${what} cpu`),
    memory: decimal(value[1], `${what} memory`),
    disk: decimal(value[2], `${what} disk`),
    gpu: small(value[3], `${what} gpu`, 0, 2 ** 31 - 1)
  }
}

function spec (value) {
  const m = body(value, 'the spec', [0])
  let argvBytes = 0
  const argv = array(m[0], LIMITS.args, 'argv').map((a) => {
    const [s, n] = string(a, LIMITS.argvBytes - argvBytes, 'argv')
    argvBytes += n
    return s
  })
  const environment = {}
  if (m[1] !== undefined) {
    if (m[1] === null || typeof m[1] !== 'object' || Array.isArray(m[1]) || m[1] instanceof Uint8Array) invalid('the environment is not a map')
    const entries = Object.entries(m[1])
    if (entries.length > LIMITS.envEntries) invalid('the environment has too many entries')
    let bytes = 0
    for (const [name, v] of entries) {
      bytes += Buffer.byteLength(name, 'utf8') + string(v, LIMITS.envBytes, 'an environment value')[1]
      if (bytes > LIMITS.envBytes) invalid(`the environment is over ${LIMITS.envBytes} bytes`)
      environment[name] = v
    }
  }
  const inputs = array(m[2] ?? [], LIMITS.inputs, 'the inputs').map((i) => {
    array(i, LIMITS.tuple, 'an input', 3)
    return { name: text(i[0], LIMITS.path, 'an input name'), sha256: sha256(i[1], "an input's sha256"), size: decimal(i[2], "an input's size") }
  })
  const outputs = array(m[3] ?? [], LIMITS.outputGlobs, 'the output globs').map((g) => text(g, LIMITS.path, 'an output glob'))
  let placement = { kind: 0, peer: null, requirements: null }
  if (m[7] !== undefined) {
    const p = array(m[7], LIMITS.tuple, 'the placement', 3)
    placement = {
      kind: small(p[0], 'the placement kind', 0, 3),
      peer: optional(p[1], (v) => text(v, LIMITS.text, 'the placement peer')),
      requirements: optional(p[2], (r) => {
        array(r, LIMITS.tuple, 'the requirements', 3)
        return { minGpuMemory: decimal(r[0], 'minGpuMemory'), gpuModel: optional(r[1], (v) => text(v, LIMITS.text, 'the GPU model')), minScore: amount(r[2], 'minScore') }
      })
    }
  }
  const timeoutMs = optional(m[5], (v) => integer(v, 'the timeout', 1n, 2n ** 53n).toString())
  return {
    argv,
    environment,
    inputs,
    outputs,
    resources: m[4] === undefined ? { cpu: 0, memory: '0', disk: '0', gpu: 0 } : resources(m[4], 'the resource request'),
    timeoutMs,
    maxRetries: m[6] === undefined ? 0 : small(m[6], 'maxRetries', 0, 2 ** 31 - 1),
    placement,
    arrayIndex: optional(m[8], (v) => decimal(v, 'the array index'))
  }
}

// ---------------------------------------------------------------- messages (docs/protocol.md, "Messages")

const STREAMS = { 1: 'stdout', 2: 'stderr', 3: 'notice' }

const READERS = {
  RunRequest: (m) => ({ attempt: attemptId(m[0]), task: taskId(m[1]), spec: spec(m[2]), leaseMs: integer(m[3], 'the lease', 1n, 2n ** 53n).toString() }),
  RunAccepted: (m) => ({ attempt: attemptId(m[0]), task: taskId(m[1]), leaseUntil: timestamp(m[2], 'leaseUntil') }),
  RunRefused: (m) => ({ attempt: attemptId(m[0]), task: taskId(m[1]), reason: small(m[2], 'the reason', 0, 2 ** 31 - 1), message: optional(m[3], (v) => text(v, LIMITS.text, 'the message')) ?? '' }),
  InputRequest: (m) => ({ attempt: attemptId(m[0]), sha256s: array(m[2], LIMITS.inputs, 'the SHA-256 list').map((s) => sha256(s, 'a sha256')) }),
  InputData: (m) => ({ attempt: attemptId(m[0]), sha256: sha256(m[2], 'the sha256'), offset: decimal(m[3], 'the offset'), data: chunk(m[4], 'the data'), last: bool(m[5], 'last') }),
  OutputChunk: (m) => ({ attempt: attemptId(m[0]), stream: STREAMS[small(m[2], 'the stream', 1, 3)], offset: decimal(m[3], 'the offset'), data: chunk(m[4], 'the data') }),
  OutputCredit: (m) => ({ attempt: attemptId(m[0]), bytes: decimal(m[2], 'the credit') }),
  LeaseRenew: (m) => ({ attempt: attemptId(m[0]), until: timestamp(m[2], 'until') }),
  LeaseRenewed: (m) => ({ attempt: attemptId(m[0]), until: timestamp(m[2], 'until') }),
  LeaseLost: (m) => ({ attempt: attemptId(m[0]), message: optional(m[2], (v) => text(v, LIMITS.text, 'the message')) ?? '' }),
  RunResult: (m) => {
    const usage = array(m[6] ?? [0, 0, 0], LIMITS.tuple, 'the usage', 3)
    return {
      attempt: attemptId(m[0]),
      task: taskId(m[1]),
      reason: small(m[2], 'the end reason', 0, 5),
      exitCode: optional(m[3], (v) => small(v, 'the exit code', -(2 ** 31), 2 ** 31 - 1)),
      signal: optional(m[4], (v) => small(v, 'the signal', 1, 255)),
      message: optional(m[5], (v) => text(v, LIMITS.text, 'the message')),
      usage: { wallTimeUs: decimal(usage[0], 'the wall time'), cpuTimeUs: decimal(usage[1], 'the CPU time'), peakMemory: decimal(usage[2], 'the peak memory') },
      outputs: array(m[7] ?? [], LIMITS.outputFiles, 'the output manifest').map((f) => {
        array(f, LIMITS.tuple, 'an output file', 3)
        return { name: text(f[0], LIMITS.path, 'an output file name'), sha256: sha256(f[1], 'a sha256'), size: decimal(f[2], 'a size') }
      })
    }
  },
  ResultAck: (m) => ({ attempt: attemptId(m[0]), task: taskId(m[1]), accepted: bool(m[2], 'accepted') }),
  OutputFileData: (m) => ({ attempt: attemptId(m[0]), name: text(m[2], LIMITS.path, 'the name'), offset: decimal(m[3], 'the offset'), data: chunk(m[4], 'the data'), last: bool(m[5], 'last') }),
  Cancel: (m) => ({ attempt: attemptId(m[0]) }),
  StealRequest: (m) => ({ thief: hex(bin(m[0], 128, 'the thief')), surplus: resources(m[1], 'the surplus'), maxTasks: small(m[2], 'maxTasks', 1, 2 ** 31 - 1) }),
  StealOffer: (m) => ({
    items: array(m[0], LIMITS.stealTasks, 'the offered tasks').map((i) => {
      const item = body(i, 'an offered task', [0, 1, 2, 3])
      return { attempt: attemptId(item[0]), task: taskId(item[1]), spec: spec(item[2]), leaseUntil: timestamp(item[3], 'leaseUntil') }
    })
  })
}

// The required keys of each body (docs/protocol.md, "Messages").
const REQUIRED = {
  RunRequest: [0, 1, 2, 3], RunAccepted: [0, 1, 2], RunRefused: [0, 1, 2], InputRequest: [0, 2], InputData: [0, 2, 3, 4, 5],
  OutputChunk: [0, 2, 3, 4], OutputCredit: [0, 2], LeaseRenew: [0, 2], LeaseRenewed: [0, 2], LeaseLost: [0], RunResult: [0, 1, 2],
  ResultAck: [0, 1, 2], OutputFileData: [0, 2, 3, 4, 5], Cancel: [0], StealRequest: [0, 1, 2], StealOffer: [0]
}

/** Reads an unsigned LEB128 varint (at most 9 bytes); returns [value, length], null when incomplete. */
function readVarint (bytes, offset) {
  let value = 0
  for (let i = 0; i < 9; i++) {
    if (offset + i >= bytes.length) return null
    value += (bytes[offset + i] & 0x7f) * 2 ** (7 * i)
    if ((bytes[offset + i] & 0x80) === 0) return [value, i + 1]
  }
  invalid('the frame length is not a valid varint')
}

/** Reads one frame at `offset`: { status, type, message, next }. */
export function readFrame (bytes, offset = 0) {
  try {
    const prefix = readVarint(bytes, offset)
    if (!prefix) return { status: 'needMore' }
    const [length, prefixLength] = prefix
    if (length > LIMITS.message) invalid(`the frame is longer than ${LIMITS.message} bytes`)
    const start = offset + prefixLength
    if (bytes.length - start < length) return { status: 'needMore' }
    let value
    try {
      value = decode(bytes.subarray(start, start + length), { useBigInt64: true })
    } catch (e) {
      invalid(`invalid MessagePack: ${e.message}`)
    }
    array(value, LIMITS.tuple, 'the message', 2)
    const code = small(value[0], 'the message type', -(2 ** 31), 2 ** 31 - 1)
    const type = TYPES[code]
    if (!type) invalid(`unknown type ${code}`)
    const message = READERS[type](body(value[1], type, REQUIRED[type]))
    return { status: 'ok', type, message, next: start + length }
  } catch (e) {
    if (!(e instanceof Invalid)) throw e
    return { status: 'invalid', reason: e.message }
  }
}

// ---------------------------------------------------------------- writing (OutputChunk and Cancel, enough to cross-check)

const varint = (n) => {
  const out = []
  do { out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0)); n = Math.floor(n / 128) } while (n > 0)
  return Uint8Array.from(out)
}

/** Integers in the smallest encoding (a bigint within 2^53 as a number); anything else as @msgpack/msgpack writes it. */
const encodeValue = (value) =>
  typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) ? encode(Number(value)) : encode(value, { useBigInt64: true })

/** Writes a frame; the body keys follow docs/protocol.md. Only the message types a js peer sends in the tests. */
export function writeFrame (type, m) {
  const attempt = BigInt(m.attempt)
  let bodyMap
  if (type === 'OutputChunk') {
    const stream = Number(Object.keys(STREAMS).find((k) => STREAMS[k] === m.stream))
    bodyMap = new Map([[0, attempt], [2, stream], [3, BigInt(m.offset)], [4, Buffer.from(m.data, 'hex')]])
  } else if (type === 'Cancel') {
    bodyMap = new Map([[0, attempt]])
  } else if (type === 'OutputCredit') {
    bodyMap = new Map([[0, attempt], [2, BigInt(m.bytes)]])
  } else {
    throw new Error(`writing ${type} is not implemented here`)
  }
  // Written by hand: @msgpack/msgpack would write an object's keys as strings, and the protocol's keys are integers.
  const entries = [...bodyMap].flatMap(([key, value]) => [encode(key), encodeValue(value)])
  const payload = Buffer.concat([Uint8Array.of(0x92), encode(TYPES.indexOf(type)), Uint8Array.of(0x80 | bodyMap.size), ...entries])
  return Buffer.concat([varint(payload.length), payload])
}

// ---------------------------------------------------------------- command line

const toJson = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v))

function main (args) {
  const [command, argument] = args
  if (command === 'decode' && args.length === 2) {
    const bytes = Buffer.from(argument, 'hex')
    let offset = 0
    let ok = true
    do {
      const frame = readFrame(bytes, offset)
      const { next, ...printed } = frame
      console.log(toJson(printed))
      if (frame.status !== 'ok') { ok = false; break }
      offset = next
    } while (offset < bytes.length)
    return ok ? 0 : 1
  }
  if (command === 'encode' && args.length === 2) {
    const { type, message } = JSON.parse(argument)
    console.log(writeFrame(type, message).toString('hex'))
    return 0
  }
  console.error('usage: node task-wire.mjs decode HEX | node task-wire.mjs encode JSON')
  return 2
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2))
}
