"""Checks every layer family's tests share: gradients against central differences, and the
config / JSON / save-and-load round trips."""
import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.core.tape import Tape


def assert_gradients_match_finite_differences(forward, sources, *, seed=3, eps=1e-2, rtol=2e-2, atol=2e-3,
                                              relative_atol=False, label=''):
    """The tape's gradients of ``sum(forward() * r)`` (r random) with respect to each of
    ``sources`` against central differences. Layers compute in float32 (ops refuse float64), so
    ``eps`` is large and tolerances loose; with ``relative_atol`` the absolute tolerance scales
    with the largest numerical gradient."""
    with Tape(sources) as tape:
        out = forward()
    weights = np.random.default_rng(seed).normal(size=out.shape).astype(np.float32)
    analytic = tape.gradients(out, sources, weights)

    def objective():
        return float(np.sum(forward().numpy().astype(np.float64) * weights))

    for source, grad in zip(sources, analytic):
        data = source._data
        numeric = np.zeros(data.shape)
        for i in np.ndindex(*data.shape):
            kept = data[i]
            data[i] = kept + eps
            plus = objective()
            data[i] = kept - eps
            minus = objective()
            data[i] = kept
            numeric[i] = (plus - minus) / (2 * eps)
        tolerance = atol * max(1.0, np.abs(numeric).max()) if relative_atol else atol
        np.testing.assert_allclose(grad, numeric, rtol=rtol, atol=tolerance,
                                   err_msg=f'{label}: gradient of {getattr(source, "original_name", "the input")}')


def assert_round_trips(model, x, folder):
    """Each layer survives get_config -> from_config; the model survives model_from_json (with
    its weights copied) and a save/load through files, predicting the same."""
    model.set_weights(model.get_weights())  # as loading does: written weights obey their constraints
    for layer in model.layers:
        config = layer.get_config()
        again = type(layer).from_config(config).get_config()
        # every option survives; a first layer given only a batch shape gains dtype float32, as in TF.js
        assert {k: v for k, v in again.items() if k in config} == config
        assert type(layer).from_config(again).get_config() == again
    expected = model.predict(x).numpy()
    rebuilt = tf.models.model_from_json(model.to_json())
    rebuilt.set_weights(model.get_weights())
    np.testing.assert_allclose(rebuilt.predict(x).numpy(), expected, rtol=1e-6, atol=1e-6)
    model.save(f'file://{folder}')
    loaded = tf.load_layers_model(f'{folder}/model.json')
    assert [type(layer) for layer in loaded.layers] == [type(layer) for layer in model.layers]
    assert [w.original_name for w in loaded.weights] == [w.original_name for w in model.weights]
    np.testing.assert_allclose(loaded.predict(x).numpy(), expected, rtol=1e-6, atol=1e-6)


def assert_refuses_input_shapes(make_layer, shapes, message):
    """A new layer applied to inputs of ``shapes`` in turn (the first builds it) raises a
    ValueError whose text contains ``message``."""
    layer = make_layer()
    with pytest.raises(ValueError) as info:
        for shape in shapes:
            layer.apply(tf.zeros(shape))
    assert message in str(info.value)
