// clean: JS-PATH-TRAVERSAL
const path = require("path");
const fs = require("fs/promises");

const AVATAR_DIR = "/var/lib/app/avatars";

async function deleteAvatar(req, res) {
  const file = path.basename(req.params.file);
  await fs.unlink(path.join(AVATAR_DIR, file));
  res.status(204).end();
}

module.exports = { deleteAvatar };
