// clean: JS-CATCH-LOGGED-CONTINUES
async function getSettings(userId) {
  let settings = DEFAULT_SETTINGS;
  try {
    const res = await axios.get(`${API}/settings/${userId}`, { timeout: 5000 });
    settings = res.data;
  } catch (e) {
    console.warn('settings fetch failed, using defaults', e.message);
  }
  return settings.theme;
}
module.exports = { getSettings };
