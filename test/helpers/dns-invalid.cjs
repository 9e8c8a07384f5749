// Preloaded (NODE_OPTIONS=--require) into an mlc process under test: a lookup of a name under
// the reserved .invalid domain fails at once with ENOTFOUND, as RFC 6761 §6.4 says a resolver
// answers it, without sending a query anywhere (tests talk to loopback only). Any other name
// goes to the real dns.lookup, which net.connect reads at call time.
const dns = require('node:dns');

const real = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  if (typeof hostname === 'string' && /\.invalid\.?$/i.test(hostname)) {
    const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { errno: -3008, code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname });
    process.nextTick(cb, err);
    return {};
  }
  return real.apply(this, arguments);
};
