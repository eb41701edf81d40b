package grpcserver

import (
	"context"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

var unauthenticated = map[string]bool{"/grpc.health.v1.Health/Check": true}

func UnaryAuth(v Verifier) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		if strings.HasSuffix(info.FullMethod, "/Check") { // expect: GO-GRPC-AUTH-SKIP-LOOSE
			return handler(ctx, req)
		}
		if unauthenticated[info.FullMethod] || strings.HasPrefix(info.FullMethod, "/grpc.reflection.v1.ServerReflection/") {
			return handler(ctx, req)
		}
		md, ok := metadata.FromIncomingContext(ctx)
		if !ok || !v.Verify(md.Get("authorization")) {
			return nil, status.Error(codes.Unauthenticated, "missing token")
		}
		return handler(ctx, req)
	}
}

func UnaryLog(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	if strings.HasSuffix(info.FullMethod, "/Check") {
		return handler(ctx, req)
	}
	logCall(info.FullMethod)
	return handler(ctx, req)
}
