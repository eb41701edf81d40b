// want: ANY-RETRY-NON-IDEMPOTENT
import axios from 'axios';
import axiosRetry from 'axios-retry';

const gateway = axios.create({ baseURL: process.env.GATEWAY_URL, timeout: 10_000 });

axiosRetry(gateway, {
  retries: 3,
  retryDelay: axiosRetry.exponentialDelay,
  retryCondition: (error) => axiosRetry.isNetworkOrIdempotentRequestError(error) || error.config?.method === 'post',
});

export async function capturePayment(orderId: string, amount: number) {
  const { data } = await gateway.post('/captures', { orderId, amount });
  return data;
}
