// clean: ANY-RETRY-NO-BACKOFF (waits between polls)
import axios from "axios";
import { setTimeout as sleep } from "node:timers/promises";

export async function waitForBuild(buildId: string): Promise<string> {
  while (true) {
    const { data } = await axios.get(`${CI_URL}/builds/${buildId}`, { timeout: 5000 });
    if (data.status === "finished") {
      return data.artifactUrl;
    }
    await sleep(3000);
  }
}
