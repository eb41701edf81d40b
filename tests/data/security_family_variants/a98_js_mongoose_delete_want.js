// want: JS-LOOKUP-IGNORES-CALLER
// path: src/controllers/bookmarks.js
const Bookmark = require("../models/bookmark");

exports.list = async (req, res) => {
  res.json(await Bookmark.find({ user: req.user.id }));
};

exports.remove = async (req, res) => {
  const removed = await Bookmark.findByIdAndDelete(req.params.bookmarkId);
  if (!removed) return res.status(404).json({ error: "not found" });
  res.status(204).end();
};
