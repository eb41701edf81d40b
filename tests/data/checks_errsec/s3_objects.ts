// JS-S3-BODY-UNREAD: a GetObject response used only for its metadata leaves its Body stream (and the
// socket under it) open; reading, destroying or handing on the response is fine.
import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

export class ReportStore {
  constructor(private readonly s3: S3Client, private readonly bucket: string) {}

  async contentTypeOf(key: string): Promise<string | undefined> {
    const res = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })); // expect: JS-S3-BODY-UNREAD
    return res.ContentType;
  }

  async lastModified(key: string): Promise<Date | undefined> {
    const { LastModified } = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })); // expect: JS-S3-BODY-UNREAD
    return LastModified;
  }

  async read(key: string): Promise<string> {
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: key });
    const res = await this.s3.send(command);
    if (res.ContentType !== "text/csv") {
      res.Body?.destroy();
      throw new Error("not a report");
    }
    return (await res.Body?.transformToString()) ?? "";
  }

  async stream(key: string) {
    const res = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return res;
  }

  async size(key: string): Promise<number> {
    const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    return head.ContentLength ?? 0;
  }

  async link(key: string): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: 600 });
  }

  async etag(key: string): Promise<string> {
    const probe = new GetObjectCommand({ Bucket: this.bucket, Key: key });
    const out = await this.s3.send(probe, { abortSignal: AbortSignal.timeout(5000) }); // expect: JS-S3-BODY-UNREAD
    return out.ETag ?? "";
  }
}
