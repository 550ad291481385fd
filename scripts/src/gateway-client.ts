/** A test's way to the API: requests through the gateway with a caller's headers, answers read. */
export function gatewayClient(gatewayUrl: string, defaultHeaders: Record<string, string>) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = defaultHeaders,
  ) => {
    const res = await fetch(`${gatewayUrl}${path}`, {
      method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const type = res.headers.get('content-type') ?? '';
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read answers of every shape
    const parsed: any = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, type, headers: res.headers, body: parsed };
  };
  /** The answer's body, or a thrown error naming the request when it is not a success. */
  const ok = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const res = await call(method, path, body, headers);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return { call, ok };
}
