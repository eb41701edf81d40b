import { Router } from "express";

export const invoices = Router();

invoices.get("/:id", (req, res) => {
  const invoice = store.get(req.params.id);
  if (!invoice) {
    res.status(404).json({ error: "invoice not found" }); // expect: JS-RESPONSE-NO-RETURN
  }
  res.json(invoice.toJSON());
});

invoices.delete("/:id", (req, res) => {
  const invoice = store.get(req.params.id);
  if (!invoice) {
    return res.status(404).json({ error: "invoice not found" });
  }
  if (invoice.paid) {
    res.status(409).json({ error: "invoice already paid" });
    return;
  }
  store.delete(invoice.id);
  res.sendStatus(204);
});

invoices.post("/:id/void", (req, res) => {
  if (!req.user.isAdmin) res.sendStatus(403); // expect: JS-RESPONSE-NO-RETURN
  store.void(req.params.id);
  res.sendStatus(204);
});
