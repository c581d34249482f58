// js-libp2p 3.x calls Promise.withResolvers, which Node gained in v22. Node 20 needs this shim,
// and it must run before libp2p is imported (peer.mjs loads libp2p with dynamic import()).
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers () {
    let resolve
    let reject
    const promise = new this((res, rej) => { resolve = res; reject = rej })
    return { promise, resolve, reject }
  }
}
