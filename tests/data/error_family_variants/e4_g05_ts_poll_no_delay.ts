// want: ANY-RETRY-NO-BACKOFF
import axios from "axios";

export async function waitForBuild(buildId: string): Promise<string> {
  while (true) {
    const { data } = await axios.get(`${CI_URL}/builds/${buildId}`, { timeout: 5000 });
    if (data.status === "finished") {
      return data.artifactUrl;
    }
  }
}
