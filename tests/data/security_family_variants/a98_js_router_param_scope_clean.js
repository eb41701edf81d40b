// clean: JS-LOOKUP-IGNORES-CALLER
// path: src/routes/projects.js
const router = require("express").Router();
const Project = require("../models/project");
const { requireUser } = require("../middleware/auth");

router.use(requireUser);

router.param("projectId", async (req, res, next, id) => {
  const project = await Project.findOne({ _id: id, members: req.user._id });
  if (!project) return res.sendStatus(404);
  req.project = project;
  next();
});

router.get("/projects/:projectId", (req, res) => res.json(req.project));

router.post("/projects/:projectId/archive", async (req, res) => {
  req.project.archivedAt = new Date();
  await req.project.save();
  res.json(req.project);
});

module.exports = router;
