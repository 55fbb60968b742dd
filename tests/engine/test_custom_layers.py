"""Custom layers by subclassing tf.layers.Layer, written the TF.js way (camelCase hooks,
call(inputs, kwargs), className) or the Python way: they build, train, save, load and rebuild
from JSON; and the mistakes learners make get clear errors."""
import numpy as np
import pytest

import tfjs_lab as tf


class TimesWeights(tf.layers.Layer):
    """The TF.js guide's custom layer, ported line by line."""
    className = 'TimesWeights'

    def __init__(self, config=None):
        super().__init__(config or {})

    def build(self, input_shape):
        self.w = self.add_weight('w', [input_shape[-1]], 'float32', tf.initializers.ones())

    def call(self, inputs, kwargs):
        return inputs.mul(self.w.read() if hasattr(self.w, 'read') else self.w)

    def computeOutputShape(self, input_shape):
        return input_shape

    def getConfig(self):
        return super().getConfig()


tf.serialization.registerClass(TimesWeights)


class Shift(tf.layers.Layer):
    """A Python-style custom layer with an option of its own."""

    def __init__(self, *, amount=1.0, **base):
        super().__init__(**base)
        self.amount = amount

    def call(self, inputs, training=False):
        return tf.add(inputs, self.amount)

    def get_config(self):
        return {'amount': self.amount, **super().get_config()}


def model_with_custom_layers():
    return tf.sequential(layers=[tf.layers.dense(units=3, input_shape=[2]), TimesWeights(), Shift(amount=0.5),
                                 tf.layers.dense(units=1)])


def test_custom_layers_train_save_and_load(tmp_path):
    tf.set_seed(0)
    model = model_with_custom_layers()
    model.compile(optimizer='adam', loss='meanSquaredError')
    x = np.random.default_rng(0).normal(size=(16, 2)).astype(np.float32)
    history = model.fit(x, x[:, :1] * 2, epochs=3, verbose=0)
    assert history.history['loss'][-1] < history.history['loss'][0]
    assert model.layers[1].weights[0].original_name.endswith('/w')
    assert not np.allclose(model.layers[1].weights[0].numpy(), 1)  # the custom weight trained
    model.save(f'file://{tmp_path}')
    loaded = tf.load_layers_model(f'{tmp_path}/model.json')
    np.testing.assert_array_equal(loaded.predict(x).numpy(), model.predict(x).numpy())
    assert loaded.layers[2].amount == 0.5
    rebuilt = tf.models.model_from_json(model.to_json())
    assert [type(layer) for layer in rebuilt.layers] == [type(layer) for layer in model.layers]


def test_register_class_refuses_what_is_not_a_layer():
    with pytest.raises(TypeError, match='subclass of tf.layers.Layer'):
        tf.serialization.registerClass(dict)


def test_unknown_custom_class_in_a_file_names_it():
    topology = tf.sequential(layers=[Shift(amount=1, input_shape=[2])]).to_json().replace('"Shift"', '"Unregistered"')
    with pytest.raises(Exception, match="Unknown layer class 'Unregistered'"):
        tf.models.model_from_json(topology)


# --- a learner's mistakes --------------------------------------------------------------------
def test_integer_labels_with_categorical_crossentropy_suggest_the_fix():
    model = tf.sequential(layers=[tf.layers.dense(units=3, input_shape=[2], activation='softmax')])
    model.compile(optimizer='sgd', loss='categoricalCrossentropy')
    with pytest.raises(ValueError, match="sparseCategoricalCrossentropy', or one-hot encode them with tf.oneHot"):
        model.fit(np.zeros((4, 2), np.float32), np.array([[0], [1], [2], [1]], np.float32), verbose=0)


def test_sparse_labels_as_a_vector_are_accepted():
    model = tf.sequential(layers=[tf.layers.dense(units=3, input_shape=[2], activation='softmax')])
    model.compile(optimizer='sgd', loss='sparseCategoricalCrossentropy', metrics=['accuracy'])
    history = model.fit(np.zeros((4, 2), np.float32), np.array([0, 1, 2, 1], np.float32), verbose=0)
    assert 'acc' in history.history


def test_targets_missing_their_last_axis_say_how_to_reshape():
    model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])])
    model.compile(optimizer='sgd', loss='meanSquaredError')
    with pytest.raises(ValueError, match=r'reshape the targets to \[4,1\]'):
        model.fit(np.zeros((4, 2), np.float32), np.zeros(4, np.float32), verbose=0)


def test_set_weights_of_the_wrong_shape_names_both_shapes():
    layer = tf.layers.dense(units=2, input_shape=[3])
    tf.sequential(layers=[layer])
    with pytest.raises(ValueError, match=r'\[3,2\] not compatible with provided weight shape \[2,2\]'):
        layer.set_weights([np.zeros((2, 2), np.float32), np.zeros(2, np.float32)])


def test_a_layer_rejects_an_input_of_the_wrong_size_with_its_name():
    model = tf.sequential(layers=[tf.layers.dense(units=2, input_shape=[3], name='hidden')])
    x = tf.input(shape=[4])
    with pytest.raises(ValueError, match='incompatible with layer hidden: expected axis -1 of input shape to have value 3'):
        model.layers[0].apply(x)


def test_nan_loss_shows_in_the_logs_and_terminate_on_nan_stops():
    model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
    model.compile(optimizer=tf.train.sgd(1e30), loss='meanSquaredError')
    x = np.arange(8, dtype=np.float32).reshape(-1, 1)
    with np.errstate(all='ignore'), pytest.warns(UserWarning, match='invalid loss'):
        history = model.fit(x, x, epochs=5, batch_size=2, verbose=0, callbacks=[tf.callbacks.terminateOnNaN()])
    assert len(history.epoch) < 5 and not np.isfinite(history.history['loss'][-1])


def test_early_stopping_can_restore_the_best_weights():
    tf.set_seed(0)
    model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
    model.compile(optimizer=tf.train.sgd(0.5), loss='meanSquaredError')
    x = np.linspace(-1, 1, 20, dtype=np.float32).reshape(-1, 1)
    y = 3 * x
    snapshots = []
    stopper = tf.callbacks.earlyStopping({'monitor': 'val_loss', 'patience': 2, 'restoreBestWeights': True})
    history = model.fit(x, y, epochs=40, verbose=0, validation_data=[x[::2], -y[::2]],  # gets worse as it learns
                        callbacks=[stopper, {'onEpochEnd': lambda e, logs: snapshots.append(model.get_weights())}])
    best = int(np.argmin(history.history['val_loss']))
    assert len(history.epoch) < 40
    for restored, kept in zip(model.get_weights(), snapshots[best]):
        np.testing.assert_array_equal(restored.numpy(), kept.numpy())
