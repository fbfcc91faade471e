// The API reference page (/docs/reference): hands Scalar's standalone bundle (loaded before this module,
// by a deferred classic script) the configuration the server rendered into #scalar-config.
const configBlock = document.getElementById('scalar-config');
const scalar = Reflect.get(window, 'Scalar');
if (configBlock && scalar && typeof scalar.createApiReference === 'function') {
  scalar.createApiReference('#api-reference', JSON.parse(configBlock.textContent || '{}'));
}
