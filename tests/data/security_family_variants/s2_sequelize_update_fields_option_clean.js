// clean: JS-MASS-ASSIGNMENT
const express = require("express");
const { Member } = require("../models");
const { requireAuth } = require("../middleware/auth");

const router = express.Router();

router.put("/members/:id", requireAuth, async (req, res) => {
  const member = await Member.findOne({ where: { id: req.params.id, orgId: req.user.orgId } });
  if (!member) return res.sendStatus(404);
  await member.update(req.body, { fields: ["nickname", "title"] });
  res.json(member);
});

module.exports = router;
