"""Training from datasets: fit_dataset equals fit on the same batches, TF.js's iterator reuse
with batchesPerEpoch, and evaluate_dataset."""
import warnings

import numpy as np
import pytest

import tfjs_lab as tf

SAMPLES, BATCH = 96, 32


def seed_model():
    tf.set_seed(0)
    model = tf.sequential(layers=[tf.layers.dense(units=32, input_shape=[10], activation='relu'),
                                  tf.layers.dense(units=1, activation='sigmoid')])
    model.compile(optimizer='adam', loss='binaryCrossentropy', metrics=['accuracy'])
    return model


def seed_data(n=SAMPLES):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(n, 10)).astype(np.float32)
    return x, (x[:, :1] + x[:, 1:2] > 0).astype(np.float32)


def rows(x, y, pairs=False):
    return [[list(xi), list(yi)] if pairs else {'xs': list(xi), 'ys': list(yi)} for xi, yi in zip(x, y)]


@pytest.mark.parametrize('pairs', [False, True], ids=['xs-ys dicts', 'xs-ys pairs'])
def test_fit_dataset_gives_fits_losses_and_weights(pairs):
    x, y = seed_data()
    by_fit = seed_model()
    fit_history = by_fit.fit(x, y, batch_size=BATCH, epochs=3, shuffle=False, verbose=0)
    by_dataset = seed_model()
    ds = tf.data.array(rows(x, y, pairs)).map(tuple if pairs else dict).batch(BATCH)
    dataset_history = by_dataset.fit_dataset(ds, epochs=3, verbose=0)
    assert dataset_history.history == fit_history.history
    for a, b in zip(by_fit.get_weights(), by_dataset.get_weights()):
        np.testing.assert_array_equal(a.array_sync(), b.array_sync())


def test_fit_dataset_from_a_csv_file_equals_fit(tmp_path):
    x, y = seed_data()
    path = tmp_path / 'train.csv'
    names = [f'f{i}' for i in range(10)]
    path.write_text(','.join(names + ['label']) + '\n' +
                    ''.join(','.join(repr(float(v)) for v in [*xi, *yi]) + '\n' for xi, yi in zip(x, y)))
    ds = tf.data.csv(str(path), {'columnConfigs': {'label': {'isLabel': True}}}) \
        .map(lambda e: {'xs': list(e['xs'].values()), 'ys': list(e['ys'].values())}).batch(BATCH)
    by_dataset = seed_model()
    history = by_dataset.fit_dataset(ds, epochs=2, verbose=0).history
    assert history == seed_model().fit(x, y, batch_size=BATCH, epochs=2, shuffle=False, verbose=0).history


def test_without_batches_per_epoch_every_epoch_is_a_fresh_pass():
    x, y = seed_data()
    passes = []

    def source():
        passes.append(1)
        yield from rows(x, y)
    history = seed_model().fit_dataset(tf.data.generator(source).batch(BATCH), epochs=3, verbose=0)
    assert len(passes) == 3 and len(history.history['loss']) == 3


def test_with_batches_per_epoch_one_iterator_runs_across_epochs():
    x, y = seed_data()
    passes = []

    def source():
        passes.append(1)
        yield from rows(x, y)
    sizes = []
    callback = {'on_batch_end': lambda batch, logs: sizes.append(logs['size'])}
    seed_model().fit_dataset(tf.data.generator(source).batch(BATCH).repeat(), epochs=2, batches_per_epoch=4,
                             callbacks=[callback], verbose=0)
    assert sizes == [BATCH] * 8 and len(passes) == 3  # epoch 2 continues where epoch 1 stopped


def test_an_exhausted_dataset_with_batches_per_epoch_warns_with_the_count():
    x, y = seed_data()
    with pytest.warns(UserWarning, match=r'ran out of data.* after 1 batches'):
        seed_model().fit_dataset(tf.data.array(rows(x, y)).batch(BATCH), epochs=2, batches_per_epoch=2, verbose=0)


def test_validation_split_is_refused_with_tfjs_advice():
    with pytest.raises(ValueError, match='validationSplit is not supported by fitDataset\\(\\). validationData must '
                                         'be provided instead'):
        seed_model().fit_dataset(tf.data.array([]), validation_split=0.2)


def test_elements_that_are_not_xs_ys_are_refused_clearly():
    ds = tf.data.array([{'features': [0.0] * 10, 'label': [1.0]}]).batch(1)
    with pytest.raises(ValueError, match=r"must be \{'xs': \.\.\., 'ys': \.\.\.\} or \[xs, ys\]; received "
                                         r"\['features', 'label'\]"):
        seed_model().fit_dataset(ds, verbose=0)


def test_evaluate_dataset_equals_evaluate_and_validates_during_fit():
    x, y = seed_data()
    model = seed_model()
    ds = tf.data.array(rows(x, y)).batch(BATCH)
    loss, accuracy = model.evaluate_dataset(ds)
    expected_loss, expected_accuracy = model.evaluate(x, y, batch_size=BATCH)
    assert loss.array_sync() == pytest.approx(expected_loss.array_sync(), rel=1e-6)
    assert accuracy.array_sync() == pytest.approx(expected_accuracy.array_sync(), rel=1e-6)
    first_two = model.evaluate_dataset(ds, batches=2)[0].array_sync()
    assert first_two == pytest.approx(model.evaluate(x[:64], y[:64], batch_size=BATCH)[0].array_sync(), rel=1e-6)
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        history = model.fit_dataset(ds, epochs=1, validation_data=ds, verbose=0)
    assert set(history.history) == {'loss', 'acc', 'val_loss', 'val_acc'}


def test_a_later_batch_of_another_shape_is_still_checked_and_sparse_ids_train_as_in_fit():
    model = seed_model()
    x = np.zeros((8, 10), np.float32)
    rows = [{'xs': row, 'ys': [0.0]} for row in x] + [{'xs': np.zeros(9, np.float32), 'ys': [0.0]}] * 4
    with pytest.raises(ValueError, match=r'expected dense_Dense\d+_input to have shape \[null,10\] but got '
                                          r'array with shape \[4,9\]'):
        model.fit_dataset(tf.data.array(rows).batch(4), epochs=1, verbose=0)
    # class ids given as [batch] (standardized to [batch, 1]) train as fit trains them
    def classifier():
        tf.set_seed(0)
        model = tf.sequential(layers=[tf.layers.dense(units=3, input_shape=[2], activation='softmax')])
        model.compile(optimizer='sgd', loss='sparseCategoricalCrossentropy')
        return model
    xs = np.random.default_rng(0).normal(size=(12, 2)).astype(np.float32)
    ids = np.arange(12, dtype=np.float32) % 3
    by_dataset = classifier().fit_dataset(
        tf.data.array([{'xs': list(map(float, x)), 'ys': float(i)} for x, i in zip(xs, ids)]).batch(4),
        epochs=2, verbose=0)
    by_fit = classifier().fit(xs, ids.reshape(12, 1), batch_size=4, epochs=2, shuffle=False, verbose=0)
    assert by_dataset.history['loss'] == pytest.approx(by_fit.history['loss'], rel=1e-6)
