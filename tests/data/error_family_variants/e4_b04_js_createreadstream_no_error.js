// want: JS-EMITTER-NO-ERROR
const fs = require("fs");
const crypto = require("crypto");

function checksum(path) {
  return new Promise((resolve) => {
    const hash = crypto.createHash("sha256");
    const stream = fs.createReadStream(path);
    stream.on("data", (chunk) => hash.update(chunk));
    stream.on("end", () => resolve(hash.digest("hex")));
  });
}

module.exports = { checksum };
