// want: JS-LOOKUP-IGNORES-CALLER
// path: src/routes/notes.js
const express = require("express");
const Note = require("../models/note");
const { requireUser } = require("../middleware/auth");

const router = express.Router();

router.get("/notes", requireUser, async (req, res) => {
  res.json(await Note.find({ owner: req.user._id }).sort("-updatedAt"));
});

router.put("/notes/:id", requireUser, async (req, res) => {
  const note = await Note.findById(req.params.id);
  if (!note) return res.sendStatus(404);
  note.body = req.body.body;
  await note.save();
  res.json(note);
});

module.exports = router;
