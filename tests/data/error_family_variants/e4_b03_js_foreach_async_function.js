// want: JS-ASYNC-FOREACH
const { Invoice } = require("../models");
const mailer = require("../mailer");

async function sendReminders(accountId) {
  const overdue = await Invoice.find({ accountId, status: "overdue" });
  overdue.forEach(async function (invoice) {
    await mailer.sendReminder(invoice.email, invoice.number);
    invoice.remindedAt = new Date();
    await invoice.save();
  });
  return overdue.length;
}

module.exports = { sendReminders };
