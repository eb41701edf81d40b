// clean: GO-ERR-UNCHECKED
package svc

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

func RefundWorkflow(ctx workflow.Context, orderID string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:    2 * time.Second,
			BackoffCoefficient: 2,
			MaximumAttempts:    5,
		},
	})
	var refundID string
	if err := workflow.ExecuteActivity(ctx, IssueRefund, orderID).Get(ctx, &refundID); err != nil {
		return "", err
	}
	if err := workflow.ExecuteActivity(ctx, NotifyCustomer, orderID, refundID).Get(ctx, nil); err != nil {
		workflow.GetLogger(ctx).Error("notify failed", "order", orderID, "error", err)
		return refundID, err
	}
	return refundID, nil
}
