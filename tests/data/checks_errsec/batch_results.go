// Fixture: AWS batch calls report failed items in their output, not as an error.
package archive

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

type Sweeper struct {
	s3     *s3.Client
	sqs    *sqs.Client
	bucket string
	queue  string
}

func (s *Sweeper) Drop(ctx context.Context, ids []types.ObjectIdentifier) error {
	_, err := s.s3.DeleteObjects(ctx, &s3.DeleteObjectsInput{ // expect: GO-BATCH-FAILURES-IGNORED
		Bucket: aws.String(s.bucket),
		Delete: &types.Delete{Objects: ids},
	})
	return err
}

func (s *Sweeper) DropChecked(ctx context.Context, ids []types.ObjectIdentifier) error {
	out, err := s.s3.DeleteObjects(ctx, &s3.DeleteObjectsInput{
		Bucket: aws.String(s.bucket),
		Delete: &types.Delete{Objects: ids},
	})
	if err != nil {
		return err
	}
	if len(out.Errors) > 0 {
		return fmt.Errorf("%d objects not deleted", len(out.Errors))
	}
	return nil
}

func (s *Sweeper) Ack(ctx context.Context, entries []sqstypes.DeleteMessageBatchRequestEntry) error {
	if _, err := s.sqs.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: &s.queue, Entries: entries}); err != nil { // expect: GO-BATCH-FAILURES-IGNORED
		return err
	}
	return nil
}

type cache interface {
	DeleteObjects(ctx context.Context, keys []string) (int, error)
}

func Forget(ctx context.Context, c cache, keys []string) error {
	_, err := c.DeleteObjects(ctx, keys)
	return err
}
