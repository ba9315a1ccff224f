'use strict';
// One unary call, made twice against a gRPC server on 127.0.0.1:<port>, printed as one JSON line:
//   raw:    node's own http2 client; grpc-status and grpc-message exactly as they came in the response's
//           header block (trailers-only) or its trailers, the message as hex of its bytes;
//   grpcJs: @grpc/grpc-js; the status code and `details` a node application would see.
// The request message is given as hex of its protobuf bytes, so this file needs no .proto.
// Usage: node status.js <port> </package.Service/Method> <request hex>
const http2 = require('node:http2');
const grpc = require('@grpc/grpc-js');

const [port, path, requestHex] = process.argv.slice(2);
const request = Buffer.from(requestHex, 'hex');

function rawCall() {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    const stream = session.request({
      ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers',
    });
    let status = null;
    const take = (block) => {
      if (block['grpc-status'] !== undefined) {
        // http2 hands header values on as latin1 strings of the bytes received: nothing is decoded.
        const message = block['grpc-message'];
        status = {
          code: Number(block['grpc-status']),
          messageHex: message === undefined ? null : Buffer.from(message, 'latin1').toString('hex'),
        };
      }
    };
    stream.on('response', take);
    stream.on('trailers', take);
    stream.on('data', () => {});
    stream.on('error', reject);
    stream.on('close', () => {
      session.close();
      resolve(status);
    });
    const frame = Buffer.alloc(5 + request.length);
    frame.writeUInt32BE(request.length, 1);
    request.copy(frame, 5);
    stream.end(frame);
  });
}

function grpcJsCall() {
  return new Promise((resolve) => {
    const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    client.makeUnaryRequest(path, (b) => b, (b) => b, request, (error) => {
      client.close();
      resolve(error ? { code: error.code, details: error.details } : { code: 0, details: null });
    });
  });
}

(async () => {
  const raw = await rawCall();
  const grpcJs = await grpcJsCall();
  process.stdout.write(JSON.stringify({ raw, grpcJs }) + '\n');
})().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(1);
});
