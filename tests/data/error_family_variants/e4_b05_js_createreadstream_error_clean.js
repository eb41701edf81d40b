// clean: JS-EMITTER-NO-ERROR (the stream's error rejects the promise)
const fs = require("fs");
const crypto = require("crypto");

function checksum(path) {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash("sha256");
    const stream = fs.createReadStream(path);
    stream.on("data", (chunk) => hash.update(chunk));
    stream.on("error", reject);
    stream.on("end", () => resolve(hash.digest("hex")));
  });
}

module.exports = { checksum };
