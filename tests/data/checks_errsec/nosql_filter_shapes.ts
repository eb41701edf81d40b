// JS-NOSQL-INJECTION: a filter field that can still be an object is reported; one made text, parsed by a
// schema, or a query whose operators Mongoose sanitizes is not.
import { Router } from "express";
import { z } from "zod";

const router = Router();
const lookupSchema = z.object({ handle: z.string().min(3), pin: z.string() });

router.post("/members/lookup", async (req, res, next) => {
  try {
    const member = await Member.findOne({ handle: req.body.handle, pin: req.body.pin }); // expect: JS-NOSQL-INJECTION
    res.json(member);
  } catch (err) {
    next(err);
  }
});

router.post("/members/lookup-text", async (req, res, next) => {
  try {
    const member = await Member.findOne({ handle: String(req.body.handle), pin: `${req.body.pin}` });
    const other = await Member.findOne({ handle: req.body.handle.trim().toLowerCase() });
    res.json({ member, other });
  } catch (err) {
    next(err);
  }
});

router.post("/members/lookup-schema", async (req, res, next) => {
  try {
    const { handle, pin } = lookupSchema.parse(req.body);
    const member = await Member.findOne({ handle, pin });
    const checked = lookupSchema.safeParse(req.query);
    if (!checked.success) {
      return res.status(400).json(checked.error.flatten());
    }
    const byQuery = await Member.find({ handle: checked.data.handle });
    res.json({ member, byQuery });
  } catch (err) {
    next(err);
  }
});

router.post("/members/lookup-sanitized", async (req, res, next) => {
  try {
    const member = await Member.findOne({ handle: req.body.handle }).lean().setOptions({ sanitizeFilter: true });
    const other = await Member.find({ handle: req.body.handle }, null, { sanitizeFilter: true });
    res.json({ member, other });
  } catch (err) {
    next(err);
  }
});

router.get("/members/where", async (req, res, next) => {
  try {
    const rows = await Member.find({ $where: "this.handle == '" + req.query.handle + "'" }); // expect: JS-NOSQL-INJECTION
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.post("/members/json-filter", async (req, res, next) => {
  try {
    const parsed = JSON.parse(String(req.body.filter ?? "{}"));
    res.json(await Member.find(parsed)); // expect: JS-NOSQL-INJECTION
  } catch (err) {
    next(err);
  }
});

export default router;
