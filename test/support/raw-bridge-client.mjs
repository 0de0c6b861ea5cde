// A WebSocket client of web mode's /bridge with nothing but node:net, so an
// unprivileged OS user can run it from a temporary folder (no node_modules):
// the attacker of issue 11, finding 1. Usage: node raw-bridge-client.mjs PORT TOKEN|- FRAME_JSON
// Prints the upgrade's status line, then each text frame the server sends, one a line.
import net from 'node:net';
const [port, token, frameJson] = process.argv.slice(2);

function masked(text) {
  const payload = Buffer.from(text, 'utf8');
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const head = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, mask, Buffer.from(payload.map((b, i) => b ^ mask[i % 4]))]);
}

const socket = net.connect(Number(port), '127.0.0.1', () => {
  const protocol = token === '-' ? '' : `Sec-WebSocket-Protocol: corelanes.v1, corelanes.token.${token}\r\n`;
  socket.write(`GET /bridge HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${protocol}\r\n`);
});
let buffer = Buffer.alloc(0);
let upgraded = false;
socket.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  if (!upgraded) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const status = buffer.subarray(0, buffer.indexOf('\r\n')).toString('latin1');
    console.log(status);
    if (!/ 101 /.test(status)) return void socket.end();
    upgraded = true;
    buffer = buffer.subarray(end + 4);
    socket.write(masked(frameJson));
    // Until the answer (the server may be slow to start a program), or 20 s.
    setTimeout(() => socket.end(), 20_000).unref();
  }
  // Server frames are unmasked; ours are small (7-bit or 16-bit lengths).
  while (buffer.length >= 2) {
    let length = buffer[1] & 0x7f;
    let at = 2;
    if (length === 126) {
      if (buffer.length < 4) return;
      length = buffer.readUInt16BE(2);
      at = 4;
    } else if (length === 127) return void socket.destroy();
    if (buffer.length < at + length) return;
    if ((buffer[0] & 0x0f) === 1) {
      const text = buffer.subarray(at, at + length).toString('utf8');
      console.log(text);
      if (text.includes('"kind":"result"')) socket.end();
    }
    buffer = buffer.subarray(at + length);
  }
});
socket.on('error', (e) => console.log(`error ${e.code}`));
