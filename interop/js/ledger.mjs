// An independent reader and writer of Mesh ledger entries, written only from docs/protocol.md ("Ledger"),
// so that Mesh's tests can show another implementation can join the ledger.
//
//   node ledger.mjs decode HEX        -> prints the entry as JSON, with "status" and "signatureValid"
//   node ledger.mjs encode JSON SEED  -> prints the signed envelope as hex (SEED: 32-byte Ed25519 seed, hex)
//
// Entry JSON (both directions): integers that may exceed 2^53 (version, issuedAt, memory, disk, gpu memory) are
// decimal strings when printed and may be numbers or strings when read; cpu and score are JSON numbers.
//   { "peer": "12D3KooW...", "name": "...", "version": "1700000000000", "issuedAt": "1700000000000",
//     "addresses": ["/ip4/..."], "capacity": {"cpu": 4, "memory": "8589934592", "disk": "1000", "gpu": 0},
//     "reserved": {...}, "surplus": {...}, "inUse": {...}, "gpus": [{"model": "...", "memory": "..."}],
//     "queued": 0, "running": 0, "score": 1234.5, "policy": "static" }
// A decode prints status "ok", or "malformed" / "tooLarge" / "unsupported" / "badSignature" with a "reason";
// the exit code is 0 only for "ok".
//
// Known leniency: @msgpack/msgpack decodes float64 2.0 and integer 2 to the same JS number, so this reader cannot
// refuse a float where the protocol wants an integer, as Mesh's reader does; it also decodes invalid UTF-8 with
// replacement characters instead of refusing it. It refuses everything else the protocol's decode rules refuse.
import crypto from 'node:crypto'
import { decode, decodeMulti, encode } from '@msgpack/msgpack'

const FORMAT_VERSION = 1
const SIGNING_DOMAIN = Buffer.from('mesh-ledger-v1:', 'ascii')
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

// docs/protocol.md, "Limits".
const LIMITS = {
  entry: 64 * 1024,
  name: 64,
  addresses: 32,
  address: 256,
  gpus: 64,
  gpuModel: 128,
  policy: 64,
  peer: 128,
  signature: 128,
  mapEntries: 64,
  tuple: 16,
  skipDepth: 8
}

const KEY = {
  peer: 0, name: 1, version: 2, issuedAt: 3, addresses: 4, capacity: 5, reserved: 6, surplus: 7,
  inUse: 8, gpus: 9, queued: 10, running: 11, score: 12, policy: 13
}
const REQUIRED = [KEY.peer, KEY.name, KEY.version, KEY.issuedAt, KEY.capacity, KEY.reserved, KEY.surplus]
const HIGHEST_KNOWN = KEY.policy

const INT32_MIN = -(2n ** 31n)
const INT32_MAX = 2n ** 31n - 1n
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const UINT64_MAX = 2n ** 64n - 1n

/** A refusal with the status the protocol names for it. */
class Refused extends Error {
  constructor (status, reason) {
    super(reason)
    this.status = status
  }
}

const malformed = (reason) => new Refused('malformed', reason)
const tooLarge = (reason) => new Refused('tooLarge', reason)

// ---------------------------------------------------------------- peer ids and keys

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

function base58Encode (bytes) {
  let n = 0n
  for (const b of bytes) n = n * 256n + BigInt(b)
  let text = ''
  while (n > 0n) {
    text = BASE58[Number(n % 58n)] + text
    n /= 58n
  }
  for (const b of bytes) {
    if (b !== 0) break
    text = '1' + text
  }
  return text
}

/** Reads an unsigned LEB128 varint; returns [value, length] or null. */
function readVarint (bytes, offset) {
  let value = 0
  for (let i = 0; i < 9 && offset + i < bytes.length; i++) {
    value += (bytes[offset + i] & 0x7f) * 2 ** (7 * i)
    if ((bytes[offset + i] & 0x80) === 0) return [value, i + 1]
  }
  return null
}

/** A peer id is a multihash: identity (0x00, at most 42 bytes, the PublicKey protobuf inline) or sha2-256 (0x12, 32). */
function checkPeerId (bytes) {
  const code = readVarint(bytes, 0)
  const length = code && readVarint(bytes, code[1])
  if (!length) return false
  const digest = bytes.length - code[1] - length[1]
  if (code[0] === 0x00) return length[0] <= 42 && digest === length[0]
  if (code[0] === 0x12) return length[0] === 32 && digest === 32
  return false
}

/** The raw Ed25519 key inlined in an identity peer id: PublicKey protobuf 08 01 12 20 <32 bytes>; otherwise null. */
function inlineEd25519Key (peer) {
  if (peer[0] !== 0x00) return null
  const key = peer.subarray(2)
  const header = [0x08, 0x01, 0x12, 0x20]
  if (key.length !== 36 || header.some((b, i) => key[i] !== b)) return null
  return key.subarray(4)
}

function peerIdOfPublicKey (raw) {
  return Uint8Array.from([0x00, 0x24, 0x08, 0x01, 0x12, 0x20, ...raw])
}

function publicKeyObject (raw) {
  return crypto.createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' })
}

function privateKeyObject (seed) {
  return crypto.createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
}

function rawPublicKey (privateKey) {
  const spki = crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' })
  return spki.subarray(ED25519_SPKI_PREFIX.length)
}

// ---------------------------------------------------------------- decoding

/** Integer as BigInt within [min, max], or a refusal. useBigInt64 makes int64/uint64 BigInt; smaller ones are numbers. */
function integer (value, what, min, max) {
  if (typeof value === 'number' && Number.isInteger(value)) value = BigInt(value)
  if (typeof value !== 'bigint') throw malformed(`${what} is not an integer`)
  if (value < min || value > max) throw malformed(`${what} is out of range`)
  return value
}

function float (value, what) {
  if (typeof value === 'bigint') return Number(value)
  if (typeof value !== 'number') throw malformed(`${what} is not a number`)
  return value
}

function utf8Length (text) {
  return Buffer.byteLength(text, 'utf8')
}

function string (value, max, what) {
  if (typeof value !== 'string') throw malformed(`${what} is not a string`)
  if (utf8Length(value) > max) throw tooLarge(`${what} is over ${max} bytes`)
  return value
}

function array (value, max, what) {
  if (!Array.isArray(value)) throw malformed(`${what} is not an array`)
  if (value.length > max) throw tooLarge(`${what} has ${value.length} elements, over ${max}`)
  return value
}

/** resources: [cpu float64, memory int64, disk int64, gpu int32, ...future kinds], every component finite, >= 0. */
function resources (value, what) {
  array(value, LIMITS.tuple, what)
  if (value.length < 4) throw malformed(`${what} has fewer than 4 elements`)
  const cpu = float(value[0], `${what}.cpu`)
  if (!Number.isFinite(cpu) || cpu < 0) throw malformed(`${what} has a negative or non-finite component`)
  return {
    cpu,
    memory: integer(value[1], `${what}.memory`, 0n, INT64_MAX),
    disk: integer(value[2], `${what}.disk`, 0n, INT64_MAX),
    gpu: Number(integer(value[3], `${what}.gpu`, 0n, INT32_MAX))
  }
}

function gpu (value) {
  array(value, LIMITS.tuple, 'a GPU')
  if (value.length < 2) throw malformed('a GPU has fewer than 2 elements')
  return { model: string(value[0], LIMITS.gpuModel, 'a GPU model'), memory: integer(value[1], 'a GPU memory', 0n, INT64_MAX) }
}

/** Containers nested in an unknown field, counted from the field's own value (docs: at most 8 levels). */
function nesting (value) {
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return 0
  const children = Array.isArray(value) ? value : Object.values(value)
  return 1 + Math.max(0, ...children.map(nesting))
}

// Map keys are renamed on decode to "type:value#n", unique per key, so that repeated and non-integer keys survive
// into the decoded object and can be refused (a plain object would silently keep only the last of a repeated key).
let keyCounter = 0
const markKey = (key) => `${typeof key}:${key}#${keyCounter++}`

function decoderOptions () {
  return {
    useBigInt64: true,
    mapKeyConverter: markKey
  }
}

function decodePayload (payload) {
  let map
  try {
    map = decode(payload, decoderOptions())
  } catch (e) {
    throw malformed(`invalid MessagePack payload: ${e.message}`)
  }
  if (map === null || typeof map !== 'object' || Array.isArray(map) || map instanceof Uint8Array) {
    throw malformed('the payload is not a map')
  }
  const entries = Object.entries(map)
  if (entries.length > LIMITS.mapEntries) throw tooLarge(`the payload has ${entries.length} fields, over ${LIMITS.mapEntries}`)
  const fields = new Map()
  const unknownKeys = []
  for (const [marked, value] of entries) {
    // A key may use any integer encoding (uint64 ones arrive as bigint); past int64 it is refused, as Mesh does.
    const [type, rest] = marked.split(':')
    const text = rest.slice(0, rest.lastIndexOf('#'))
    if ((type !== 'number' && type !== 'bigint') || !/^-?\d+$/.test(text)) throw malformed('a payload key is not an integer')
    if (BigInt(text) > INT64_MAX) throw malformed('a payload key is out of range')
    const key = Number(text)
    if (key < 0 || key > HIGHEST_KNOWN) {
      if (nesting(value) > LIMITS.skipDepth) throw tooLarge(`an unknown field nests deeper than ${LIMITS.skipDepth}`)
      unknownKeys.push(key)
      continue
    }
    if (fields.has(key)) throw malformed(`the payload repeats key ${key}`)
    fields.set(key, value)
  }
  for (const key of REQUIRED) {
    if (!fields.has(key)) throw malformed(`required key ${key} is missing`)
  }

  const peer = fields.get(KEY.peer)
  if (!(peer instanceof Uint8Array)) throw malformed('the peer id is not binary')
  if (peer.length > LIMITS.peer) throw tooLarge(`the peer id is over ${LIMITS.peer} bytes`)
  if (!checkPeerId(peer)) throw malformed('the peer id is not a valid multihash')

  const addresses = array(fields.get(KEY.addresses) ?? [], LIMITS.addresses, 'the address list')
  const gpus = array(fields.get(KEY.gpus) ?? [], LIMITS.gpus, 'the GPU list')
  const score = float(fields.get(KEY.score) ?? 0, 'the score')
  if (!Number.isFinite(score) || score < 0) throw malformed('the score is negative or not finite')
  return {
    peerBytes: peer,
    entry: {
      peer: base58Encode(peer),
      name: string(fields.get(KEY.name), LIMITS.name, 'the name'),
      version: integer(fields.get(KEY.version), 'the version', 0n, UINT64_MAX),
      // Mesh reads issuedAt into a .NET DateTimeOffset: years 0001 to 9999.
      issuedAt: integer(fields.get(KEY.issuedAt), 'issuedAt', -62135596800000n, 253402300799999n),
      addresses: addresses.map((a) => string(a, LIMITS.address, 'an address')),
      capacity: resources(fields.get(KEY.capacity), 'capacity'),
      reserved: resources(fields.get(KEY.reserved), 'reserved'),
      surplus: resources(fields.get(KEY.surplus), 'surplus'),
      inUse: fields.has(KEY.inUse) ? resources(fields.get(KEY.inUse), 'inUse') : { cpu: 0, memory: 0n, disk: 0n, gpu: 0 },
      gpus: gpus.map(gpu),
      queued: Number(integer(fields.get(KEY.queued) ?? 0, 'queued', 0n, INT32_MAX)),
      running: Number(integer(fields.get(KEY.running) ?? 0, 'running', 0n, INT32_MAX)),
      score,
      policy: string(fields.get(KEY.policy) ?? 'static', LIMITS.policy, 'the policy')
    },
    unknownKeys
  }
}

/** Reads the array header of the envelope: [count, headerLength], or null if the bytes do not start with an array. */
function arrayHeader (bytes) {
  const b = bytes[0]
  if (b >= 0x90 && b <= 0x9f) return [b & 0x0f, 1]
  if (b === 0xdc && bytes.length >= 3) return [(bytes[1] << 8) | bytes[2], 3]
  if (b === 0xdd && bytes.length >= 5) return [Buffer.from(bytes.subarray(1, 5)).readUInt32BE(0), 5]
  return null
}

/** Decodes and verifies one envelope (docs/protocol.md, "Envelope" and "Validation on receipt" rules 1 and 2). */
export function decodeEntry (bytes) {
  if (bytes.length > LIMITS.entry) throw tooLarge(`the entry is ${bytes.length} bytes, over ${LIMITS.entry}`)
  const header = arrayHeader(bytes)
  if (!header) throw malformed('the envelope is not an array')

  // The format version is read first, alone: any other value is "unsupported", whatever follows it.
  let format
  try {
    format = header[0] < 1 ? undefined : decodeMulti(bytes.subarray(header[1]), { useBigInt64: true }).next().value
  } catch (e) {
    throw malformed(`invalid MessagePack: ${e.message}`)
  }
  if (typeof format !== 'number' && typeof format !== 'bigint') throw malformed('the envelope has no format version')
  if (!Number.isInteger(Number(format))) throw malformed('the format version is not an integer')
  if (BigInt(format) !== BigInt(FORMAT_VERSION)) throw new Refused('unsupported', `envelope format ${format} is not supported`)
  if (header[0] !== 3) throw malformed(`a format ${FORMAT_VERSION} envelope has 3 elements, not ${header[0]}`)

  let envelope
  try {
    envelope = decode(bytes, { useBigInt64: true, maxBinLength: LIMITS.entry })
  } catch (e) {
    throw malformed(`invalid MessagePack: ${e.message}`)
  }
  const [, payload, signature] = envelope
  if (!(payload instanceof Uint8Array)) throw malformed('the payload is not binary')
  if (!(signature instanceof Uint8Array)) throw malformed('the signature is not binary')
  if (signature.length > LIMITS.signature) throw tooLarge(`the signature is over ${LIMITS.signature} bytes`)

  const { peerBytes, entry, unknownKeys } = decodePayload(payload)
  const key = inlineEd25519Key(peerBytes)
  const signed = Buffer.concat([SIGNING_DOMAIN, payload])
  const signatureValid = key !== null && signature.length === 64 &&
    crypto.verify(null, signed, publicKeyObject(key), signature)
  return { entry, unknownKeys, signatureValid }
}

// ---------------------------------------------------------------- encoding

// @msgpack/msgpack writes maps with string keys only, and numbers as integers whenever they are whole. The payload
// needs integer keys and cpu/score always as float64, so containers get their headers here (MessagePack spec:
// fixmap/fixarray, map16/array16) and every scalar is written by the library.
function containerHeader (fix, sixteen, count) {
  if (count < 16) return Uint8Array.of(fix | count)
  if (count < 0x10000) return Uint8Array.of(sixteen, count >> 8, count & 0xff)
  throw new Error('container too large')
}

const mapHeader = (count) => containerHeader(0x80, 0xde, count)
const arrayHeaderBytes = (count) => containerHeader(0x90, 0xdc, count)

function writeInteger (value) {
  const big = BigInt(value)
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
    ? encode(Number(big))
    : encode(big, { useBigInt64: true })
}

const writeFloat64 = (value) => encode(Number(value), { forceIntegerToFloat: true })

function writeArray (items, writeItem) {
  return Buffer.concat([arrayHeaderBytes(items.length), ...items.map(writeItem)])
}

function writeResources (r) {
  const v = r ?? { cpu: 0, memory: 0, disk: 0, gpu: 0 }
  return Buffer.concat([arrayHeaderBytes(4), writeFloat64(v.cpu), writeInteger(v.memory), writeInteger(v.disk), writeInteger(v.gpu)])
}

/** The payload map, every field, keys ascending (docs/protocol.md, "Payload fields"). */
function writePayload (entry, peerBytes) {
  const fields = [
    [KEY.peer, encode(peerBytes)],
    [KEY.name, encode(entry.name)],
    [KEY.version, writeInteger(entry.version)],
    [KEY.issuedAt, writeInteger(entry.issuedAt)],
    [KEY.addresses, writeArray(entry.addresses ?? [], (a) => encode(a))],
    [KEY.capacity, writeResources(entry.capacity)],
    [KEY.reserved, writeResources(entry.reserved)],
    [KEY.surplus, writeResources(entry.surplus)],
    [KEY.inUse, writeResources(entry.inUse)],
    [KEY.gpus, writeArray(entry.gpus ?? [], (g) => Buffer.concat([arrayHeaderBytes(2), encode(g.model), writeInteger(g.memory)]))],
    [KEY.queued, writeInteger(entry.queued ?? 0)],
    [KEY.running, writeInteger(entry.running ?? 0)],
    [KEY.score, writeFloat64(entry.score ?? 0)],
    [KEY.policy, encode(entry.policy ?? 'static')]
  ]
  return Buffer.concat([mapHeader(fields.length), ...fields.flatMap(([key, value]) => [encode(key), value])])
}

/** Encodes and signs an entry with the Ed25519 key of a 32-byte seed; the entry's peer, if given, must be that key's. */
export function encodeEntry (entry, seed) {
  if (seed.length !== 32) throw new Error('the seed is not 32 bytes')
  const privateKey = privateKeyObject(seed)
  const peerBytes = peerIdOfPublicKey(rawPublicKey(privateKey))
  if (entry.peer !== undefined && entry.peer !== base58Encode(peerBytes)) {
    throw new Error(`the entry is peer ${entry.peer}'s; the seed is ${base58Encode(peerBytes)}'s`)
  }
  const payload = writePayload(entry, peerBytes)
  const signature = crypto.sign(null, Buffer.concat([SIGNING_DOMAIN, payload]), privateKey)
  return Buffer.concat([arrayHeaderBytes(3), encode(FORMAT_VERSION), encode(payload), encode(signature)])
}

// ---------------------------------------------------------------- command line

const toJson = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v))

function main (args) {
  const [command, ...rest] = args
  if (command === 'decode' && rest.length === 1) {
    let result
    try {
      const { entry, unknownKeys, signatureValid } = decodeEntry(Buffer.from(rest[0], 'hex'))
      result = { status: signatureValid ? 'ok' : 'badSignature', signatureValid, entry, unknownKeys }
      if (!signatureValid) result.reason = 'the signature does not verify with the key inlined in the peer id'
    } catch (e) {
      if (!(e instanceof Refused)) throw e
      result = { status: e.status, reason: e.message, signatureValid: false }
    }
    console.log(toJson(result))
    return result.status === 'ok' ? 0 : 1
  }
  if (command === 'encode' && rest.length === 2) {
    const entry = JSON.parse(rest[0])
    console.log(encodeEntry(entry, Buffer.from(rest[1], 'hex')).toString('hex'))
    return 0
  }
  console.error('usage: node ledger.mjs decode HEX | node ledger.mjs encode JSON SEED_HEX')
  return 2
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2))
}
