// want: ANY-FAILURE-MARKED-DONE
const { Job } = require("../models");
const { buildSitemap } = require("../seo/sitemap");
const logger = require("../logger");

async function runSitemapJob(jobId) {
  const job = await Job.findByPk(jobId);
  try {
    await buildSitemap(job.siteId);
  } catch (err) {
    logger.error(`sitemap job ${jobId} failed: ${err.message}`);
  }
  job.status = "succeeded";
  job.finishedAt = new Date();
  await job.save();
}

module.exports = { runSitemapJob };
