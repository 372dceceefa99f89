// Loaded with `node --require loopback.cjs`: a server that listens without naming an address
// (the MCP reference servers and the conformance suite's scenario servers do) binds 127.0.0.1
// instead of every interface, so that tests never listen beyond loopback.
const net = require('net');
const listen2 = net.Server.prototype._listen2;
net.Server.prototype._listen2 = function (address, port, addressType, backlog, fd, flags) {
  if (address === undefined || address === null || address === '' || address === '::' || address === '0.0.0.0') {
    address = '127.0.0.1';
    addressType = 4;
  }
  return listen2.call(this, address, port, addressType, backlog, fd, flags);
};
