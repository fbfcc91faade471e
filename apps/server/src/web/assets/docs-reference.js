// The API reference page (/docs/reference): hands Scalar's standalone bundle (loaded before this module,
// by a deferred classic script) the configuration the server rendered into #scalar-config. The mount
// point is not #api-reference: the bundle mounts itself on an element of that id, reading its text as
// an API document, which the loading note is not.
const configBlock = document.getElementById('scalar-config');
const scalar = Reflect.get(window, 'Scalar');
if (configBlock && scalar && typeof scalar.createApiReference === 'function') {
  scalar.createApiReference('#poy-api-reference', JSON.parse(configBlock.textContent || '{}'));
}
