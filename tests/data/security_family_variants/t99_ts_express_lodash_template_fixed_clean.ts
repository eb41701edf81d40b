// clean: JS-CODE-INJECTION
import { Router } from "express";
import _ from "lodash";

export const campaigns = Router();
const PREVIEW = _.template("<p>Hello <%- firstName %>, welcome to <%- company %>.</p>");

campaigns.post("/campaigns/preview", (req, res) => {
  const firstName = String(req.body.firstName ?? "");
  const html = PREVIEW({ firstName, company: req.body.company ?? "" });
  res.json({ html });
});
