// clean: JS-TEMPLATE-INJECTION
import Handlebars from "handlebars";
import { Router } from "express";

export const router = Router();
const render = Handlebars.compile("<p>Hello {{name}}</p>");

router.post("/notifications/preview", (req, res) => {
  res.send(render({ name: req.body.name }));
});
