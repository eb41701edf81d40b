async function order(id: string) {
  const res = await fetch(`${API}/orders/${id}`); // expect: JS-HTTP-NO-TIMEOUT, JS-HTTP-STATUS-UNCHECKED
  const order = await res.json();
  return order;
}

async function checked(id: string) {
  const res = await fetch(`${API}/orders/${id}`); // expect: JS-HTTP-NO-TIMEOUT
  if (!res.ok) {
    throw new Error(`orders ${res.status}`);
  }
  return res.json();
}

async function handed(id: string) {
  const res = await fetch(url); // expect: JS-HTTP-NO-TIMEOUT
  return handle(res);
}

function chained(id) {
  return fetch(url).then((r) => r.json()); // expect: JS-HTTP-NO-TIMEOUT, JS-HTTP-STATUS-UNCHECKED
}

function chainedChecked(id) {
  return fetch(url).then((r) => { if (!r.ok) throw new Error("x"); return r.json(); }); // expect: JS-HTTP-NO-TIMEOUT
}

async function verified(token) {
  const res = await fetch(VERIFY_URL, { method: "POST", body: token }); // expect: JS-HTTP-NO-TIMEOUT
  const data = await res.json();
  if (!data.success) {
    throw new Error("captcha failed");
  }
  return data.score;
}

async function guarded(url) {
  try {
    const res = await fetch(url); // expect: JS-HTTP-NO-TIMEOUT
    return await res.json();
  } catch (e) {
    return null;
  }
}

function withFallback(url) {
  return fetch(url) // expect: JS-HTTP-NO-TIMEOUT
    .then((res) => res.json())
    .catch(() => DEFAULTS);
}
