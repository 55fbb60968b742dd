"""``LayersModel``: compile, fit, fit_dataset, evaluate, predict, following tfjs-layers'
training loop: the same defaults, callback order, log keys and epoch averaging."""
import numpy as np

from .. import metrics as metrics_module, train
from . import losses
from .._naming import takes_options
from ..callbacks import CallbackList, History, standardize
from ..core import random
from ..core.tape import Tape
from ..core.tensor import Awaitable, Tensor
from ..errors import NotCompiledError
from .base_layer import Layer
from .data_adapter import as_float_array, batch_bounds, check_batch_size, check_sample_counts, check_shape


class _Fitting:
    """Marks a model as training, refusing a second concurrent fit."""

    def __init__(self, model):
        self.model = model

    def __enter__(self):
        if self.model._is_training:
            raise RuntimeError('Cannot start training because another fit() call is ongoing.')
        self.model._is_training = True

    def __exit__(self, *exc):
        self.model._is_training = False


class LayersModel(Layer, Awaitable):
    """The trainable model base of ``Sequential`` (and of functional models to come).

    Awaitable, so that ``model = await tf.loadLayersModel(...)`` ports unchanged."""
    class_name = 'Model'

    def __init__(self, **base):
        super().__init__(**base)
        self.optimizer = None
        self.loss = None
        self._loss_fn = None
        self._metrics = []  # [(log name, function)]
        self.stop_training = False
        self.history = None
        self._is_training = False

    # Subclasses provide: layers, input_shape_spec, output_shape_spec, input_name, output_name,
    # and _forward(x_tensor, training).

    # --- compile ---------------------------------------------------------------------------
    @takes_options
    def compile(self, *, optimizer, loss, metrics=None):
        """Configure training: an optimizer (string or ``tf.train.*``), a loss (TF.js name or
        function) and metrics (``['accuracy']`` is logged as ``acc``).

        >>> import tfjs_lab as tf
        >>> model = tf.sequential({'layers': [tf.layers.dense({'units': 1, 'inputShape': [2]})]})
        >>> model.compile({'optimizer': 'sgd', 'loss': 'meanSquaredError'})
        """
        self.optimizer = train.get(optimizer)
        self._loss_fn = losses.get(loss)
        self.loss = loss
        if metrics is None:
            metrics = []
        elif isinstance(metrics, (str, dict)) or callable(metrics):
            metrics = [metrics]
        if isinstance(metrics, dict):
            raise NotImplementedError('Per-output metric dicts need multi-output models, which are not supported yet')
        self._metrics = [metrics_module.resolve(m, self._loss_fn, self.output_shape_spec) for m in metrics]

    @property
    def metrics_names(self):
        return ['loss'] + [name for name, _ in self._metrics]

    def _require_compiled(self, action):
        if self._loss_fn is None:
            raise NotCompiledError('You must compile a model before training/testing. Use '
                                   'model.compile(optimizer=..., loss=...) (LayersModel.compile(modelCompileArgs) in TF.js).')

    # --- data -----------------------------------------------------------------------------
    def _standardize_x(self, x):
        array = as_float_array(x, 'x')
        check_shape(array, self.input_shape_spec, 'input', self.input_name)
        return array

    def _standardize_xy(self, x, y):
        x = self._standardize_x(x)
        y = as_float_array(y, 'y')
        check_shape(y, self.output_shape_spec, 'target', self.output_name)
        check_sample_counts(x, y)
        return x, y

    # --- one step ---------------------------------------------------------------------------
    def _train_on_arrays(self, x, y):
        """One optimizer step on a batch; returns [loss, *metrics] as float32 numbers."""
        weights = self.trainable_weights
        with Tape(weights) as tape:
            y_pred = self._forward(Tensor(x), training=True)
            y_true = Tensor(y)
            loss = self._loss_fn(y_true, y_pred).mean()
            for layer in self.layers:
                for penalty in layer.regularization_losses():
                    loss = loss.add(penalty)
        grads = tape.gradients(loss, weights)
        values = [loss._data] + [fn(y_true, y_pred).mean()._data for _, fn in self._metrics]
        optimizer = self.optimizer
        optimizer._begin_step()
        for variable, grad in zip(weights, grads):  # every weight keeps its slot position, as in TF.js
            optimizer.apply_gradient_arrays(variable, grad)
        optimizer._end_step()
        return [np.float32(v) for v in values]

    def _test_on_arrays(self, x, y):
        y_pred = self._forward(Tensor(x), training=False)
        y_true = Tensor(y)
        return [np.float32(self._loss_fn(y_true, y_pred).mean()._data)] + \
               [np.float32(fn(y_true, y_pred).mean()._data) for _, fn in self._metrics]

    # --- fit ----------------------------------------------------------------------------------
    @takes_options
    def fit(self, x, y, *, batch_size=None, epochs=1, verbose=1, callbacks=None, validation_split=0,
            validation_data=None, shuffle=True, initial_epoch=0):
        """Train for ``epochs`` passes over (x, y); returns a ``History``.

        ``validation_split`` takes the last fraction of the samples, before shuffling, as TF.js.
        ``await model.fit(...)`` works in a notebook cell.

        >>> import tfjs_lab as tf
        >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
        >>> model.compile(optimizer='sgd', loss='meanSquaredError')
        >>> history = model.fit(tf.tensor2d([[1], [2]]), tf.tensor2d([[2], [4]]), epochs=3)
        >>> len(history.history['loss'])
        3
        """
        self._require_compiled('fit')
        batch_size = check_batch_size(32 if batch_size is None else batch_size)
        x, y = self._standardize_xy(x, y)
        val = None
        if validation_data is not None:
            if len(validation_data) != 2:
                raise ValueError('validation_data must be [x_val, y_val]; sample weights are not supported yet')
            val = self._standardize_xy(*validation_data)
        elif validation_split:
            if not 0 < validation_split < 1:
                raise ValueError(f'validationSplit must be in (0, 1); received {validation_split}')
            split = int(np.floor(x.shape[0] * (1 - validation_split)))
            x, y, val = x[:split], y[:split], (x[split:], y[split:])
        with _Fitting(self):
            return self._fit_loop(x, y, batch_size, epochs, verbose, callbacks, val, shuffle, initial_epoch)

    def _fit_loop(self, x, y, batch_size, epochs, verbose, callbacks, val, shuffle, initial_epoch):
        num_samples = x.shape[0]
        steps = batch_bounds(num_samples, batch_size)

        def batches(epoch):
            order = random.generator().permutation(num_samples) if shuffle else None
            for start, end in steps:
                if order is None:
                    yield end - start, lambda s=start, e=end: self._train_on_arrays(x[s:e], y[s:e])
                else:
                    idx = order[start:end]
                    yield end - start, lambda i=idx: self._train_on_arrays(x[i], y[i])

        validate = None if val is None else (lambda: self._evaluate_arrays(*val, batch_size))
        params = {'epochs': epochs, 'initialEpoch': initial_epoch, 'samples': num_samples,
                  'steps': None, 'batchSize': batch_size, 'verbose': verbose}
        return self._run_epochs(batches, epochs, initial_epoch, callbacks, validate, params)

    def _run_epochs(self, batches, epochs, initial_epoch, callbacks, validate, params):
        """The epoch/batch loop shared by fit and fit_dataset. ``batches(epoch)`` yields
        (batch size, step function) pairs; ``validate()`` returns [loss, *metrics]."""
        names = self.metrics_names
        params = {**params, 'doValidation': validate is not None,
                  'metrics': names + (['val_' + n for n in names] if validate else [])}
        history = History()
        callback_list = CallbackList(standardize(callbacks) + [history], self, params)
        self.history = history
        self.stop_training = False
        callback_list.call('on_train_begin', {})
        for epoch in range(initial_epoch, epochs):
            callback_list.call('on_epoch_begin', epoch, {})
            totals = [np.float32(0)] * len(names)
            seen = 0
            for batch_index, (size, step) in enumerate(batches(epoch)):
                callback_list.call('on_batch_begin', batch_index, {'batch': batch_index, 'size': size})
                outs = step()
                seen += size
                totals = [t + o * np.float32(size) for t, o in zip(totals, outs)]
                callback_list.call('on_batch_end', batch_index,
                                   {'batch': batch_index, 'size': size, **{n: float(o) for n, o in zip(names, outs)}})
                if self.stop_training:
                    break
            epoch_logs = {}
            if validate is not None:
                epoch_logs.update({'val_' + n: float(v) for n, v in zip(names, validate())})
            if seen:
                # averaged in float32 as TF.js's BaseLogger does
                epoch_logs.update({n: float(np.float32(1) / np.float32(seen) * t) for n, t in zip(names, totals)})
            callback_list.call('on_epoch_end', epoch, epoch_logs)
            if self.stop_training:
                break
        callback_list.call('on_train_end', {})
        return history

    # --- datasets --------------------------------------------------------------------------
    def _dataset_element(self, element):
        """(x, y) arrays from a ``{xs, ys}`` or ``[xs, ys]`` element."""
        if isinstance(element, dict) and set(element) == {'xs', 'ys'}:
            xs, ys = element['xs'], element['ys']
        elif isinstance(element, (list, tuple)) and len(element) == 2:
            xs, ys = element
        else:
            shown = sorted(element) if isinstance(element, dict) else type(element).__name__
            raise ValueError("Dataset elements for fitDataset must be {'xs': ..., 'ys': ...} or "
                             f"[xs, ys]; received {shown}")
        return self._standardize_xy(xs, ys)

    @takes_options
    def fit_dataset(self, dataset, *, epochs=1, batches_per_epoch=None, callbacks=None, validation_data=None,
                    validation_batch_size=32, validation_batches=None, verbose=1, initial_epoch=0,
                    validation_split=None):
        """Train on a ``tf.data`` dataset of ``{xs, ys}`` batches.

        Without ``batches_per_epoch`` each epoch iterates the dataset afresh; with it, one
        iterator is shared across epochs, as in TF.js.

        >>> import tfjs_lab as tf
        >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
        >>> model.compile(optimizer='sgd', loss='meanSquaredError')
        >>> ds = tf.data.array([{'xs': [0], 'ys': [0]}, {'xs': [1], 'ys': [1]}]).batch(2)
        >>> len(model.fit_dataset(ds, epochs=2).epoch)
        2
        """
        self._require_compiled('fit')
        if validation_split is not None:
            raise ValueError('validationSplit is not supported by fitDataset(). validationData must be '
                             'provided instead.')
        shared = iter(dataset) if batches_per_epoch is not None else None

        def batches(epoch):
            source = shared if shared is not None else iter(dataset)
            count = 0
            while batches_per_epoch is None or count < batches_per_epoch:
                element = next(source, None)
                if element is None:
                    if batches_per_epoch is not None:
                        import warnings
                        warnings.warn(f'Your dataset ran out of data; interrupting training after {count} '
                                      f'batches of epoch {epoch} (batchesPerEpoch is {batches_per_epoch}). '
                                      'Make sure the dataset can generate batchesPerEpoch * epochs batches.')
                        self.stop_training = True
                    return
                x, y = self._dataset_element(element)
                count += 1
                yield x.shape[0], lambda x=x, y=y: self._train_on_arrays(x, y)

        validate = None
        if validation_data is not None:
            if isinstance(validation_data, (list, tuple)):
                val = self._standardize_xy(*validation_data)
                validate = lambda: self._evaluate_arrays(*val, check_batch_size(validation_batch_size))
            else:
                validate = lambda: self._evaluate_batches(validation_data, validation_batches)
        with _Fitting(self):
            params = {'epochs': epochs, 'initialEpoch': initial_epoch, 'samples': None,
                      'steps': batches_per_epoch, 'batchSize': None, 'verbose': verbose}
            return self._run_epochs(batches, epochs, initial_epoch, callbacks, validate, params)

    def _evaluate_batches(self, dataset, batches=None):
        totals, seen = None, 0
        for i, element in enumerate(dataset):
            if batches is not None and i >= batches:
                break
            x, y = self._dataset_element(element)
            weighted = [o * np.float32(x.shape[0]) for o in self._test_on_arrays(x, y)]
            totals = weighted if totals is None else [t + w for t, w in zip(totals, weighted)]
            seen += x.shape[0]
        if not seen:
            raise ValueError('The dataset passed for evaluation produced no batches')
        return [t / np.float32(seen) for t in totals]

    @takes_options
    def evaluate_dataset(self, dataset, *, batches=None, verbose=1):
        """Loss (and metrics) over a dataset of ``{xs, ys}`` batches."""
        self._require_compiled('evaluate')
        outs = [Tensor(np.asarray(v, np.float32)) for v in self._evaluate_batches(dataset, batches)]
        return outs[0] if len(outs) == 1 else outs

    # --- evaluate / predict -----------------------------------------------------------------
    def _evaluate_arrays(self, x, y, batch_size):
        totals = None
        for start, end in batch_bounds(x.shape[0], batch_size):
            outs = self._test_on_arrays(x[start:end], y[start:end])
            weighted = [o * np.float32(end - start) for o in outs]
            totals = weighted if totals is None else [t + w for t, w in zip(totals, weighted)]
        return [t / np.float32(x.shape[0]) for t in totals]

    @takes_options
    def evaluate(self, x, y, *, batch_size=32, verbose=1):
        """The loss (a scalar tensor) or ``[loss, *metrics]`` on (x, y), in batches.

        >>> import tfjs_lab as tf
        >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1], kernel_initializer='ones')])
        >>> model.compile(optimizer='sgd', loss='meanSquaredError')
        >>> model.evaluate(tf.tensor2d([[1], [2]]), tf.tensor2d([[1], [3]])).print()
        Tensor
            0.5
        """
        self._require_compiled('evaluate')
        x, y = self._standardize_xy(x, y)
        outs = [Tensor(np.asarray(v, np.float32)) for v in self._evaluate_arrays(x, y, check_batch_size(batch_size))]
        return outs[0] if len(outs) == 1 else outs

    @takes_options
    def predict(self, x, *, batch_size=32, verbose=False):
        """The model's outputs for ``x``, computed in batches with no gradient recording."""
        x = self._standardize_x(x)
        batch_size = check_batch_size(batch_size)
        if x.shape[0] <= batch_size:
            return self._forward(Tensor(x), training=False)
        parts = [self._forward(Tensor(x[s:e]), training=False)._data for s, e in batch_bounds(x.shape[0], batch_size)]
        return Tensor(np.concatenate(parts))

    def predict_on_batch(self, x):
        return self._forward(Tensor(self._standardize_x(x)), training=False)

    def apply(self, inputs, training=False):
        if isinstance(training, dict):
            training = bool(training.get('training', False))
        return self._forward(Tensor(self._standardize_x(inputs)), training=training)

    __call__ = apply
