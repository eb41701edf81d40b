// want: JS-SSRF
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const feedUrl = event.queryStringParameters?.feed;
  if (!feedUrl) {
    return { statusCode: 400, body: "feed is required" };
  }
  const response = await fetch(feedUrl);
  const body = await response.text();
  return { statusCode: 200, headers: { "content-type": "application/rss+xml" }, body };
};
