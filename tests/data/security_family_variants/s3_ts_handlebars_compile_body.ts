// want: JS-TEMPLATE-INJECTION
import Handlebars from "handlebars";
import { Router } from "express";

export const router = Router();

router.post("/notifications/preview", (req, res) => {
  const render = Handlebars.compile(req.body.template);
  res.send(render({ user: { name: "Ada" } }));
});
