// The cross-engine tests' server: tools/serve.mjs's static server for dist/ and
// examples/, plus three things only these tests need:
// - every HTML page starts with /__engines/probe.js (see that file);
// - it is also the browsers' HTTP and HTTPS proxy (engines/lib/browsers.mjs), so any
//   request an engine makes to another origin reaches it, is recorded and refused:
//   the same view of requests in Firefox and WebKit;
// - `offline = true` refuses every request for the app, as if the network were gone.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createStaticServer } from '../../tools/serve.mjs';

const PROBE = readFileSync(fileURLToPath(new URL('./probe.js', import.meta.url)));

/** The host a TLS ClientHello asks for (its server_name extension), or null. */
export function serverName(hello) {
  try {
    if (hello[0] !== 0x16 || hello[5] !== 0x01) return null; // a handshake record holding a ClientHello
    let at = 5 + 4 + 2 + 32; // record and handshake headers, version, random
    at += 1 + hello[at]; // session id
    at += 2 + hello.readUInt16BE(at); // cipher suites
    at += 1 + hello[at]; // compression methods
    const end = at + 2 + hello.readUInt16BE(at);
    for (at += 2; at + 4 <= end; ) {
      const type = hello.readUInt16BE(at);
      const len = hello.readUInt16BE(at + 2);
      if (type === 0) return hello.toString('latin1', at + 9, at + 9 + hello.readUInt16BE(at + 7));
      at += 4 + len;
    }
  } catch {
    // a short or odd greeting
  }
  return null;
}

export async function startServer(port, root) {
  const state = {
    offline: false,
    /** Requests for anything but this server since the last `take()`. */
    offsite: [],
    origin: `http://127.0.0.1:${port}`,
    take() {
      const got = this.offsite;
      this.offsite = [];
      return got;
    },
  };
  const server = createStaticServer({
    root,
    port,
    before(req, res) {
      // A proxied request carries an absolute URL: one for another host left the app.
      if (/^[a-z]+:\/\//i.test(req.url)) {
        const url = new URL(req.url);
        // localhost on this port is this same server: the examples' host site.
        if (url.host !== `127.0.0.1:${port}` && url.host !== `localhost:${port}`) {
          state.offsite.push(`${req.method} ${req.url}`);
          res.writeHead(403, { 'content-type': 'text/plain' }).end('Refused by the test proxy');
          return true;
        }
      }
      const path = new URL(req.url, state.origin).pathname;
      if (path === '/__engines/probe.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(PROBE);
        return true;
      }
      if (state.offline) {
        req.socket.destroy();
        return true;
      }
      return false;
    },
    html: (body) => body.replace(/<head>/i, '<head><script src="/__engines/probe.js"></script>'),
  });
  // HTTPS through the proxy: Firefox asks with CONNECT host:443; WebKitGTK
  // speaks TLS to the proxy at once, and its greeting names the host.
  server.on('connect', (req, socket) => {
    state.offsite.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  server.on('clientError', (err, socket) => {
    const packet = err.rawPacket;
    if (packet && packet[0] === 0x16 && packet[1] === 0x03) {
      // Its greeting is for the proxy (an IP address), so it rarely names the real host.
      state.offsite.push(`HTTPS request, TLS to the proxy for ${serverName(packet) ?? 'a host it does not name'}`);
    }
    socket.destroy();
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  state.close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  });
  return state;
}
