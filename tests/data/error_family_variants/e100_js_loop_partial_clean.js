// clean: ANY-FAILURE-MARKED-DONE
const { db } = require("../db");
const { sendPush } = require("../push");
const log = require("../log");

async function deliverCampaign(campaignId) {
  const recipients = await db("campaign_recipients").where({ campaign_id: campaignId, delivered: false });
  let failed = 0;
  for (const r of recipients) {
    try {
      await sendPush(r.device_token, r.payload);
    } catch (err) {
      log.warn("push to %s failed: %s", r.user_id, err.message);
      failed += 1;
      continue;
    }
  }
  const status = failed > 0 ? "partially_failed" : "completed";
  await db("campaigns").where({ id: campaignId }).update({ status, failed_count: failed, completed_at: new Date() });
}

module.exports = { deliverCampaign };
