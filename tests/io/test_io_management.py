"""tf.io.listModels, removeModel, copyModel and moveModel over the emulated stores."""
import re

import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.errors import ModelNotFoundError, QuotaExceededError


def test_list_models_keys_are_urls_of_both_stores(model):
    info = model.save('localstorage://a/b')['modelArtifactsInfo']
    model.save('indexeddb://c')
    listed = tf.io.list_models()
    assert sorted(listed) == ['indexeddb://c', 'localstorage://a/b']
    assert listed['localstorage://a/b'] == info  # dateSaved comes back as the datetime it was


def test_remove_model_returns_the_info_and_forgets_the_model(model):
    model.save('localstorage://gone')
    removed = tf.io.remove_model('localstorage://gone')
    assert removed['weightDataBytes'] == 76
    assert tf.io.list_models() == {}
    with pytest.raises(ModelNotFoundError):
        tf.io.remove_model('localstorage://gone')


def test_copy_model_between_stores_and_out_to_files(own_folders, model, predict):
    model.save('indexeddb://original')
    tf.io.copy_model('indexeddb://original', 'localstorage://copy')
    tf.io.copy_model('localstorage://copy', f'file://{own_folders}/exported')
    for url in ('indexeddb://original', 'localstorage://copy', f'{own_folders}/exported/model.json'):
        np.testing.assert_array_equal(predict(tf.load_layers_model(url)), predict(model))


def test_move_model_leaves_only_the_destination(model, predict):
    model.save('localstorage://from')
    info = tf.io.move_model('localstorage://from', 'indexeddb://to')
    assert info['weightDataBytes'] == 76
    assert list(tf.io.list_models()) == ['indexeddb://to']
    np.testing.assert_array_equal(predict(tf.load_layers_model('indexeddb://to')), predict(model))


def test_a_move_needs_no_room_for_two_copies_where_a_copy_does():
    tf.sequential(layers=[tf.layers.dense(units=700, input_shape=[1000])]).save('localstorage://large')
    with pytest.raises(QuotaExceededError):
        tf.io.copy_model('localstorage://large', 'localstorage://large-copy')
    tf.io.move_model('localstorage://large', 'localstorage://large-moved')
    assert list(tf.io.list_models()) == ['localstorage://large-moved']


def test_a_failed_move_keeps_the_source(own_folders, model, predict):
    model.save('localstorage://source')
    (own_folders / 'a-file').write_text('not a directory')
    with pytest.raises(NotADirectoryError):
        tf.io.move_model('localstorage://source', str(own_folders / 'a-file'))
    np.testing.assert_array_equal(predict(tf.load_layers_model('localstorage://source')), predict(model))


@pytest.mark.parametrize('call, error, message', [
    (lambda: tf.io.remove_model('no-scheme'), ValueError,
     "The url string provided does not contain a scheme: 'no-scheme'. Supported schemes are: localstorage, "
     'indexeddb'),
    (lambda: tf.io.remove_model('file://x'), ValueError,
     "Cannot find model manager for scheme 'file'. Supported schemes are: localstorage, indexeddb"),
    (lambda: tf.io.move_model('downloads://x', 'localstorage://x'), ValueError,
     'Copying failed because no load handler is found for source URL downloads://x.'),
    (lambda: tf.io.copy_model('localstorage://x', 'nowhere://x'), ValueError,
     'Copying failed because no save handler is found for destination URL nowhere://x.'),
    (lambda: tf.io.move_model(f'file://{__file__}', 'localstorage://x'), ValueError,
     "Cannot find model manager for scheme 'file'"),
    (lambda: tf.io.copy_model('localstorage://same', 'localstorage://same'), ValueError,
     "Old path and new path are the same: 'localstorage://same'"),
    (lambda: tf.io.copy_model('localstorage://absent', 'indexeddb://absent'), ModelNotFoundError,
     "Cannot find model with path 'absent' in localstorage://"),
])
def test_management_errors(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()
