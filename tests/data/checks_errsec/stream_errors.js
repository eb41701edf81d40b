const fs = require("fs");
const zlib = require("zlib");
const { spawn } = require("child_process");
const WebSocket = require("ws");

function download(req, res) {
  const file = REPORTS + "/latest.csv";
  fs.createReadStream(file).pipe(zlib.createGzip()).pipe(res); // expect: JS-PIPE-NO-ERROR
}

function downloadSafely(req, res) {
  const file = REPORTS + "/latest.csv";
  pipeline(fs.createReadStream(file), res, (err) => err && res.destroy(err));
}

function interceptor(next) {
  return next.handle().pipe(map((data) => ({ data })));
}

function convert(input, output, done) {
  const child = spawn("ffmpeg", ["-i", input, output]); // expect: JS-EMITTER-NO-ERROR
  child.on("close", (code) => done(code === 0 ? null : new Error("ffmpeg failed")));
}

function convertSafely(input, output, done) {
  const child = spawn("ffmpeg", ["-i", input, output]);
  child.on("error", done);
  child.on("close", (code) => done(code === 0 ? null : new Error("ffmpeg failed")));
}

function subscribe(url, onEvent) {
  const ws = new WebSocket(url); // expect: JS-EMITTER-NO-ERROR
  ws.on("message", (data) => onEvent(JSON.parse(data)));
}
