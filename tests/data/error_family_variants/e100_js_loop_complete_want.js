// want: ANY-FAILURE-MARKED-DONE
const { db } = require("../db");
const { sendPush } = require("../push");
const log = require("../log");

async function deliverCampaign(campaignId) {
  const recipients = await db("campaign_recipients").where({ campaign_id: campaignId, delivered: false });
  for (const r of recipients) {
    try {
      await sendPush(r.device_token, r.payload);
    } catch (err) {
      log.warn("push to %s failed: %s", r.user_id, err.message);
      continue;
    }
  }
  await db("campaigns").where({ id: campaignId }).update({ status: "completed", completed_at: new Date() });
}

module.exports = { deliverCampaign };
