"""``LayersModel``: compile, fit, fit_dataset, evaluate, predict, following tfjs-layers'
training loop: the same defaults, callback order, log keys and epoch averaging, for models with
any number of inputs and outputs (data as one array, a list, or a dict keyed by name)."""
import time
import warnings

import numpy as np

from .. import metrics as metrics_module, train
from . import losses
from .._naming import takes_options, to_camel, to_snake
from ..callbacks import CallbackList, History, registered_callbacks, standardize
from ..core import random
from ..core.tape import Tape, input_gradients, recording
from ..core.tensor import Awaitable, Tensor
from ..errors import NotCompiledError
from ..ops.reduction import _mean
from . import base_layer
from .base_layer import Layer
from .data_adapter import (batch_bounds, check_batch_size, check_class_labels, check_loss_and_targets,
                           check_sample_counts, check_shape, class_weights_to_sample_weights, standardize_data)
from .progress import progress_logger

_FLOAT32 = np.dtype(np.float32)  # (compared by identity: NumPy's built-in dtypes are singletons)


class _Fitting:
    """Marks a model as training, refusing a second concurrent fit."""

    def __init__(self, model):
        self.model = model

    def __enter__(self):
        if self.model._is_training:
            raise RuntimeError('Cannot start training because another fit() call is ongoing on this model. '
                               'Wait for it to finish (or stop it) first.')
        self.model._is_training = True

    def __exit__(self, *exc):
        self.model._is_training = False


def _one_or_list(values):
    return values[0] if len(values) == 1 else values


def _per_output(spec, names, what):
    """A per-output list from one value, a list (one per output) or a dict keyed by output name."""
    if isinstance(spec, dict):
        unknown = [k for k in spec if k not in names]
        if unknown:
            raise ValueError(f'Unknown entry in {what} dictionary: "{unknown[0]}". Only expected the following '
                             f'keys: {names}')
        return [spec.get(name) for name in names]
    if isinstance(spec, (list, tuple)):
        if len(spec) != len(names):
            raise ValueError(f'When passing an Array as {what}, it should have one entry per model output. The '
                             f'model has {len(names)} output(s), but you passed {what}={list(spec)!r}.')
        return list(spec)
    return [spec] * len(names)


YIELD_EVERY_AUTO_MS = 125  # TF.js's 'auto'


class LayersModel(Layer, Awaitable):
    """The trainable model base of ``Functional`` (``tf.model``) and ``Sequential``.

    Awaitable, so that ``model = await tf.loadLayersModel(...)`` ports unchanged."""
    class_name = 'Model'

    def __init__(self, **base):
        super().__init__(**base)
        self.optimizer = None
        self.loss = None
        self._loss_fns = None
        self._loss_weights = None
        self._metric_specs = []  # [(log name, function, output index)]
        self._stop_training = False
        self.history = None
        self.last_gradients = []  # [(variable, gradient array)] of the latest training step
        self._is_training = False
        self.user_defined_metadata = None

    # Subclasses provide inputs, outputs, input_names, output_names, feed_input_shapes,
    # feed_input_dtypes, output_shapes, layers, and _forward(list of tensors, training).

    # --- compile ---------------------------------------------------------------------------
    @takes_options
    def compile(self, *, optimizer, loss, metrics=None, loss_weights=None):
        """Configure training: an optimizer (string or ``tf.train.*``), a loss (TF.js name or
        function; a list or a dict by output name for several outputs), optional
        ``loss_weights`` and metrics (``['accuracy']`` is logged as ``acc``).

        >>> import tfjs_lab as tf
        >>> model = tf.sequential({'layers': [tf.layers.dense({'units': 1, 'inputShape': [2]})]})
        >>> model.compile({'optimizer': 'sgd', 'loss': 'meanSquaredError'})
        """
        names = self.output_names
        loss_specs = _per_output(loss, names, 'loss')
        for name, spec in zip(names, loss_specs):
            if spec is None:
                warnings.warn(f'Output "{name}" is missing from loss dictionary. We assume this was done on '
                              f'purpose, and we will not be expecting data to be passed to {name} during training')
        self._loss_fns = [None if spec is None else losses.get(spec) for spec in loss_specs]
        weights = _per_output(1.0 if loss_weights is None else loss_weights, names, 'lossWeights')
        self._loss_weights = [1.0 if w is None else float(w) for w in weights]
        if metrics is None:
            metrics = []
        per_output = metrics if isinstance(metrics, dict) else None
        if per_output is None:
            metrics = [metrics] if isinstance(metrics, str) or callable(metrics) else list(metrics)
            per_output = {name: metrics for name in names}
        metric_lists = _per_output(per_output, names, 'metrics')
        specs = []
        for index, (name, wanted) in enumerate(zip(names, metric_lists)):
            wanted = [] if wanted is None else [wanted] if isinstance(wanted, str) or callable(wanted) else wanted
            for metric in wanted:
                log_name, fn = metrics_module.resolve(metric, self._loss_fns[index], self.output_shapes[index])
                specs.append((f'{name}_{log_name}' if len(names) > 1 else log_name, fn, index))
        self.optimizer = train.get(optimizer)
        self.loss = loss
        self.metrics = metrics
        self._metric_specs = specs

    def get_loss_identifiers(self):
        """The compiled loss names in snake_case (one, a list or a dict by output), as model.json
        stores them."""
        def loss_id(loss):
            if not isinstance(loss, str):
                raise ValueError('Serialization of non-string loss is not supported.')
            return to_snake(loss)

        if isinstance(self.loss, dict):
            return {name: loss_id(value) for name, value in self.loss.items()}
        if isinstance(self.loss, (list, tuple)):
            return [loss_id(value) for value in self.loss]
        return loss_id(self.loss)

    def get_metric_identifiers(self):
        """The compiled metric names in snake_case, as model.json stores them."""
        def metric_id(metric):
            return to_snake(metric if isinstance(metric, str) else losses.name_of(metric))

        if isinstance(self.metrics, dict):
            return {key: metric_id(value) for key, value in self.metrics.items()}
        return [metric_id(metric) for metric in self.metrics]

    def get_training_config(self):
        """What model.json's ``trainingConfig`` holds: loss and metric identifiers and the
        optimizer's class and config, as TF.js's getTrainingConfig."""
        self._require_compiled()
        return {'loss': self.get_loss_identifiers(), 'metrics': self.get_metric_identifiers(),
                'optimizer_config': {'class_name': self.optimizer.get_class_name(),
                                     'config': self.optimizer.get_config()}}

    def load_training_config(self, training_config):
        """Compile from a model.json ``trainingConfig`` (TF.js's loadTrainingConfig)."""
        for unsupported in ('weighted_metrics', 'loss_weights', 'sample_weight_mode'):
            if training_config.get(unsupported) is not None:
                raise ValueError(f'Loading {unsupported} is not supported yet.')

        def camel(value):
            if isinstance(value, dict):
                return {k: to_camel(v) for k, v in value.items()}
            if isinstance(value, list):
                return [to_camel(v) for v in value]
            return None if value is None else to_camel(value)

        self.compile(optimizer=train.deserialize(training_config['optimizer_config']),
                     loss=camel(training_config.get('loss')), metrics=camel(training_config.get('metrics')))

    @property
    def optimizer(self):
        """The optimizer ``compile`` set (None before)."""
        return self._optimizer

    @optimizer.setter
    def optimizer(self, value):
        self._optimizer = value

    @property
    def stop_training(self):
        """Set to True (``model.stopTraining = true`` in TF.js) to end fit after this batch."""
        return self._stop_training

    @stop_training.setter
    def stop_training(self, value):
        self._stop_training = bool(value)

    def calculate_losses(self):
        """The regularization penalties added to the training loss, as scalar tensors."""
        return self.regularization_losses()

    @property
    def metrics_names(self):
        names = ['loss']
        if len(self.output_names) > 1:
            names += [f'{name}_loss' for name, fn in zip(self.output_names, self._loss_fns) if fn is not None]
        return names + [name for name, _, _ in self._metric_specs]

    def _require_compiled(self):
        if self._loss_fns is None:
            raise NotCompiledError('You must compile a model before training/testing. Use '
                                   'model.compile(optimizer=..., loss=...) (LayersModel.compile(modelCompileArgs) in TF.js).')

    # --- data -------------------------------------------------------------------------------
    def _standardize_x(self, x):
        return standardize_data(x, self.input_names, self.feed_input_shapes, self.feed_input_dtypes, 'input')

    def _target_shapes(self):
        # TF.js expects sparse class ids as [batch, 1] targets
        return [shape[:-1] + [1] if fn is losses.sparse_categorical_crossentropy else shape
                for shape, fn in zip(self.output_shapes, self._loss_fns)]

    def _standardize_xy(self, x, y):
        xs = self._standardize_x(x)
        shapes = self._target_shapes()
        ys = standardize_data(y, self.output_names, shapes, ['float32'] * len(self.outputs), 'target',
                              sparse=[fn is losses.sparse_categorical_crossentropy for fn in self._loss_fns],
                              check=False)
        check_class_labels(ys, self._loss_fns, self.output_shapes, self.output_names)
        for array, shape, name in zip(ys, shapes, self.output_names):
            check_shape(array, shape, 'target', name)
        check_loss_and_targets(ys, self._loss_fns, self.output_shapes)
        check_sample_counts(xs, ys)
        return xs, ys

    # --- one step ---------------------------------------------------------------------------
    def _losses_and_metrics(self, ys_true, ys_pred, sample_weights=None):
        """(total loss, [loss, per-output losses..., metrics...]) as tensors, as TF.js computes them."""
        total, output_losses = None, []
        for index, (fn, weight) in enumerate(zip(self._loss_fns, self._loss_weights)):
            if fn is None:
                continue
            per_sample = fn(ys_true[index], ys_pred[index])
            if sample_weights is not None and sample_weights[index] is not None:
                per_sample = per_sample.mul(Tensor(sample_weights[index]))
            value = per_sample.mean()
            output_losses.append(value)
            weighted = value if weight == 1 else value.mul(weight)
            total = weighted if total is None else total.add(weighted)
        metric_values = [fn(ys_true[index], ys_pred[index]).mean() for _, fn, index in self._metric_specs]
        return total, (output_losses if len(self.outputs) > 1 else []) + metric_values

    def _train_on_arrays(self, xs, ys, sample_weights=None):
        """One optimizer step on a batch; returns [loss, *metrics] as float32 numbers."""
        weights = self.trainable_weights
        chain_outs = self._train_on_chain(xs, ys, sample_weights, weights)
        if chain_outs is not None:
            return chain_outs
        activity = []
        base_layer._activity_losses.append(activity)
        try:
            with Tape(weights) as tape:
                ys_pred = self._forward([Tensor(x) for x in xs], training=True)
                loss, others = self._losses_and_metrics([Tensor(y) for y in ys], ys_pred, sample_weights)
                for penalty in self.regularization_losses() + activity:
                    loss = loss.add(penalty)
        finally:
            base_layer._activity_losses.pop()
        self._apply_gradients(weights, tape.gradients(loss, weights))
        return [np.float32(loss._data)] + [np.float32(v._data) for v in others]

    def _apply_gradients(self, weights, grads):
        self.last_gradients = list(zip(weights, grads))  # references only, for callbacks that show them
        optimizer = self.optimizer
        optimizer._begin_step()
        optimizer.apply_gradient_list(weights, grads)  # every weight keeps its slot position, as in TF.js
        optimizer._end_step()
        for variable in weights:
            if getattr(variable, 'constraint', None) is not None:
                variable.apply_constraint()

    def _array_ops(self):
        return None  # see Functional._array_ops

    def _train_on_chain(self, xs, ys, sample_weights, weights):
        """``_train_on_arrays`` for a chain of layers that are each one primitive on arrays
        (``Layer.array_op``, fused Dense) under a loss with a one-primitive form, unweighted: the
        same primitives' forwards and backwards, walked down the chain without a tape or tensors,
        so the same float32 losses, gradients and updates (what bounds small models is the
        Python per op). None where the general step must run."""
        chain = self._array_ops()
        if chain is None or len(self._loss_fns) != 1 or self._added_losses or self._loss_weights[0] != 1 or \
                (sample_weights is not None and sample_weights[0] is not None):
            return None
        loss_form = losses.fused_form(self._loss_fns[0])
        ops = chain[1]
        variables = [v for _, layer_variables, _ in ops for v in layer_variables]
        x, y = xs[0], ys[0]
        if loss_form is None or len(variables) != len(weights) or any(a is not b for a, b in zip(variables, weights)) \
                or x.dtype != np.float32 or y.dtype != np.float32 or x.ndim != 2:
            return None
        steps, activations = [], x
        for primitive, layer_variables, attrs in ops:
            arrays = (activations, *[v._data for v in layer_variables])
            activations = primitive.forward(*arrays, **attrs)
            steps.append((primitive, arrays, activations, attrs))
        if y.shape != activations.shape:
            return None
        loss_primitive, loss_attrs = loss_form
        per_sample = loss_primitive.forward(y, activations, **loss_attrs)
        mean_attrs = {'axes': tuple(range(per_sample.ndim)), 'keep_dims': False}
        loss = _mean.forward(per_sample, **mean_attrs)
        # backward: d loss / d loss = 1, through the mean, the loss and each layer in turn
        g, = input_gradients(_mean, np.ones_like(loss), loss, (per_sample,), mean_attrs)
        g = input_gradients(loss_primitive, g, per_sample, (y, activations), loss_attrs, (False, True))[1]
        grads = []
        for index in range(len(steps) - 1, -1, -1):
            primitive, arrays, out, attrs = steps[index]
            layer_grads = input_gradients(primitive, g, out, arrays, attrs, (index > 0,) + (True,) * (len(arrays) - 1))
            g = layer_grads[0]
            grads[:0] = layer_grads[1:]
        self._apply_gradients(weights, grads)
        if not self._metric_specs:
            return [np.float32(loss)]
        y_pred = Tensor(activations)
        return [np.float32(loss)] + [np.float32(fn(Tensor(y), y_pred).mean()._data) for _, fn, _ in self._metric_specs]

    def _test_on_arrays(self, xs, ys):
        ys_pred = self._forward([Tensor(x) for x in xs], training=False)
        loss, others = self._losses_and_metrics([Tensor(y) for y in ys], ys_pred)
        return [np.float32(loss._data)] + [np.float32(v._data) for v in others]

    @takes_options
    def train_on_batch(self, x, y, *, class_weight=None):
        """One optimizer step on one batch; returns the loss, or ``[loss, *metrics]``."""
        self._require_compiled()
        xs, ys = self._standardize_xy(x, y)
        with _Fitting(self):
            outs = self._train_on_arrays(xs, ys, class_weights_to_sample_weights(ys, class_weight, self.output_names))
        return float(outs[0]) if len(outs) == 1 else [float(o) for o in outs]

    # --- fit ----------------------------------------------------------------------------------
    @takes_options
    def fit(self, x, y, *, batch_size=None, epochs=1, verbose=1, callbacks=None, validation_split=0,
            validation_data=None, shuffle=True, class_weight=None, sample_weight=None, initial_epoch=0,
            steps_per_epoch=None, validation_steps=None, yield_every='auto', background=False):
        """Train for ``epochs`` passes over (x, y); returns a ``History``.

        ``validation_split`` takes the last fraction of the samples, before shuffling, as TF.js.
        ``verbose=1`` shows a progress bar per epoch (a widget in notebooks), ``2`` one line per
        epoch, ``0`` nothing. ``await model.fit(...)`` works in a notebook cell.
        ``background=True`` returns at once with a handle while the fit runs on a thread
        (``tfjs_lab.worker.background``).

        >>> import tfjs_lab as tf
        >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
        >>> model.compile(optimizer='sgd', loss='meanSquaredError')
        >>> history = model.fit(tf.tensor2d([[1], [2]]), tf.tensor2d([[2], [4]]), epochs=3, verbose=0)
        >>> len(history.history['loss'])
        3
        """
        if background:
            return _fit_in_background(self.fit, locals())
        self._require_compiled()
        if sample_weight is not None:
            raise NotImplementedError('sampleWeight is not supported by fit() (as in TF.js 4.22); use classWeight')
        if steps_per_epoch is not None or validation_steps is not None:
            raise NotImplementedError('stepsPerEpoch/validationSteps apply to symbolic tensors in TF.js; with '
                                      'arrays use batchSize, or use fitDataset with batchesPerEpoch')
        batch_size = check_batch_size(32 if batch_size is None else batch_size)
        xs, ys = self._standardize_xy(x, y)
        val = None
        if validation_data is not None:
            if not isinstance(validation_data, (list, tuple)) or len(validation_data) not in (2, 3):
                raise ValueError('validationData must be [xVal, yVal] (or [xVal, yVal, valSampleWeights]); '
                                 f'received {type(validation_data).__name__}')
            if len(validation_data) == 3:
                raise NotImplementedError('validationData with sample weights is not supported yet (nor in TF.js 4.22)')
            val = self._standardize_xy(*validation_data)
        elif validation_split:
            if not 0 < validation_split < 1:
                raise ValueError(f'validationSplit must be a number in (0, 1); received {validation_split}')
            split = int(np.floor(xs[0].shape[0] * (1 - validation_split)))
            val = ([a[split:] for a in xs], [a[split:] for a in ys])
            xs, ys = [a[:split] for a in xs], [a[:split] for a in ys]
        weights = class_weights_to_sample_weights(ys, class_weight, self.output_names)
        with _Fitting(self):
            return self._fit_loop(xs, ys, weights, batch_size, epochs, verbose, callbacks, val, shuffle,
                                  initial_epoch, yield_every)

    def _fit_loop(self, xs, ys, weights, batch_size, epochs, verbose, callbacks, val, shuffle, initial_epoch,
                  yield_every):
        num_samples = xs[0].shape[0]
        steps = batch_bounds(num_samples, batch_size)

        def take(arrays, index):
            return None if arrays is None else [None if a is None else a[index] for a in arrays]

        def batches(epoch):
            order = random.generator().permutation(num_samples) if shuffle else None
            for start, end in steps:
                index = slice(start, end) if order is None else order[start:end]
                yield end - start, lambda i=index: self._train_on_arrays(take(xs, i), take(ys, i), take(weights, i))

        validate = None if val is None else (lambda: self._evaluate_arrays(*val, batch_size))
        params = {'epochs': epochs, 'initialEpoch': initial_epoch, 'samples': num_samples,
                  'steps': None, 'batchSize': batch_size, 'verbose': verbose}
        return self._run_epochs(batches, epochs, initial_epoch, callbacks, validate, params, yield_every)

    def _run_epochs(self, batches, epochs, initial_epoch, callbacks, validate, params, yield_every='auto'):
        """The epoch/batch loop shared by fit and fit_dataset. ``batches(epoch)`` yields
        (batch size, step function) pairs; ``validate()`` returns [loss, *metrics]."""
        names = self.metrics_names
        params = {**params, 'doValidation': validate is not None,
                  'metrics': names + (['val_' + n for n in names] if validate else [])}
        history = History()
        own = registered_callbacks(params['verbose']) + standardize(callbacks)
        logger = None if any(cb.shows_progress for cb in own) else progress_logger(params['verbose'])
        callback_list = CallbackList(([logger] if logger else []) + own + [history], self, params)
        should_yield = _yield_policy(yield_every)
        self.history = history
        self.stop_training = False
        callback_list.call('on_train_begin', {})
        batch_logs_wanted = callback_list.listens('on_batch_end') or callback_list.listens('on_yield')
        for epoch in range(initial_epoch, epochs):
            callback_list.call('on_epoch_begin', epoch, {})
            totals = [np.float32(0)] * len(names)
            seen = 0
            for batch_index, (size, step) in enumerate(batches(epoch)):
                callback_list.call('on_batch_begin', batch_index, {})  # TF.js fills batch and size after
                outs = step()
                seen += size
                totals = [t + o * np.float32(size) for t, o in zip(totals, outs)]
                if batch_logs_wanted:
                    batch_logs = {'batch': batch_index, 'size': size, **{n: float(o) for n, o in zip(names, outs)}}
                    callback_list.call('on_batch_end', batch_index, batch_logs)
                    if should_yield('batch'):
                        callback_list.call('on_yield', epoch, batch_index, batch_logs)
                if self.stop_training:
                    break
            epoch_logs = {}
            if validate is not None:
                epoch_logs.update({'val_' + n: float(v) for n, v in zip(names, validate())})
            if seen:
                # averaged in float32 as TF.js's BaseLogger does
                epoch_logs.update({n: float(np.float32(1) / np.float32(seen) * t) for n, t in zip(names, totals)})
            callback_list.call('on_epoch_end', epoch, epoch_logs)
            if should_yield('epoch'):
                callback_list.call('on_yield', epoch, None, epoch_logs)
            if self.stop_training:
                break
        callback_list.call('on_train_end', {})
        return history

    # --- datasets --------------------------------------------------------------------------
    def _dataset_element(self, element):
        """(xs, ys) arrays from a ``{xs, ys}`` or ``[xs, ys]`` element."""
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
                    class_weight=None, validation_split=None, yield_every='auto', background=False):
        """Train on a ``tf.data`` dataset of ``{xs, ys}`` batches.

        Without ``batches_per_epoch`` each epoch iterates the dataset afresh; with it, one
        iterator is shared across epochs, as in TF.js. ``background=True`` as in :meth:`fit`.

        >>> import tfjs_lab as tf
        >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
        >>> model.compile(optimizer='sgd', loss='meanSquaredError')
        >>> ds = tf.data.array([{'xs': [0], 'ys': [0]}, {'xs': [1], 'ys': [1]}]).batch(2)
        >>> len(model.fit_dataset(ds, epochs=2, verbose=0).epoch)
        2
        """
        if background:
            return _fit_in_background(self.fit_dataset, locals())
        self._require_compiled()
        if validation_split is not None:
            raise ValueError('validationSplit is not supported by fitDataset(). validationData must be '
                             'provided instead.')
        shared = iter(dataset) if batches_per_epoch is not None else None
        checked = set()  # element shapes already standardized: the checks depend on shapes and dtypes only

        def standardized(element):
            signature = _float_element_signature(element)
            if signature in checked:
                return [element['xs']._data], [element['ys']._data]
            xs, ys = self._dataset_element(element)
            if signature is not None and xs[0] is element['xs']._data and ys[0] is element['ys']._data:
                checked.add(signature)  # (they passed as they were: no reshape or cast to repeat)
            return xs, ys

        def batches(epoch):
            source = shared if shared is not None else iter(dataset)
            count = 0
            while batches_per_epoch is None or count < batches_per_epoch:
                element = next(source, None)
                if element is None:
                    if batches_per_epoch is not None:
                        warnings.warn(f'You provided `batchesPerEpoch` as {batches_per_epoch}, but your dataset '
                                      f'iterator ran out of data after {count} batches; interrupting training. Make '
                                      'sure that your dataset can generate at least `batchesPerEpoch * epochs` '
                                      f'batches (in this case, {batches_per_epoch * epochs} batches). You may need '
                                      'to use the repeat() function when building your dataset.')
                        self.stop_training = True
                    return
                xs, ys = standardized(element)
                weights = class_weights_to_sample_weights(ys, class_weight, self.output_names)
                count += 1
                yield xs[0].shape[0], lambda xs=xs, ys=ys, w=weights: self._train_on_arrays(xs, ys, w)

        validate = None
        if validation_data is not None:
            if isinstance(validation_data, (list, tuple)):
                val = self._standardize_xy(*validation_data)
                validate = lambda: self._evaluate_arrays(*val, check_batch_size(validation_batch_size))  # noqa: E731
            else:
                validate = lambda: self._evaluate_batches(validation_data, validation_batches)  # noqa: E731
        with _Fitting(self):
            params = {'epochs': epochs, 'initialEpoch': initial_epoch, 'samples': None,
                      'steps': batches_per_epoch, 'batchSize': None, 'verbose': verbose}
            return self._run_epochs(batches, epochs, initial_epoch, callbacks, validate, params, yield_every)

    def _evaluate_batches(self, dataset, batches=None):
        if batches is not None and (not isinstance(batches, (int, np.integer)) or isinstance(batches, bool)
                                    or batches <= 0):
            raise ValueError(f'Test loop expects `batches` to be a positive integer, but received {batches!r}')
        totals, seen, count = None, 0, 0
        for element in dataset:
            if batches is not None and count >= batches:
                break
            count += 1
            xs, ys = self._dataset_element(element)
            size = np.float32(xs[0].shape[0])
            weighted = [o * size for o in self._test_on_arrays(xs, ys)]
            totals = weighted if totals is None else [t + w for t, w in zip(totals, weighted)]
            seen += xs[0].shape[0]
        if batches is not None and count < batches:
            warnings.warn('Your dataset iterator ran out of data during evaluateDataset(). Interrupting evalution. '
                          'Make sure that your dataset can generate at least `batches` batches (in this case, '
                          f'{batches} batches). You may need to use the repeat() function when building your dataset.')
        if not seen:
            raise ValueError('The dataset passed for evaluation produced no batches')
        return [t / np.float32(seen) for t in totals]

    @takes_options
    def evaluate_dataset(self, dataset, *, batches=None, verbose=1):
        """Loss (and metrics) over a dataset of ``{xs, ys}`` batches."""
        self._require_compiled()
        return _one_or_list([Tensor(np.asarray(v, np.float32)) for v in self._evaluate_batches(dataset, batches)])

    # --- evaluate / predict -----------------------------------------------------------------
    def _evaluate_arrays(self, xs, ys, batch_size):
        totals = None
        num_samples = xs[0].shape[0]
        for start, end in batch_bounds(num_samples, batch_size):
            outs = self._test_on_arrays([a[start:end] for a in xs], [a[start:end] for a in ys])
            weighted = [o * np.float32(end - start) for o in outs]
            totals = weighted if totals is None else [t + w for t, w in zip(totals, weighted)]
        return [t / np.float32(num_samples) for t in totals]

    @takes_options
    def evaluate(self, x, y, *, batch_size=32, verbose=1, sample_weight=None, steps=None):
        """The loss (a scalar tensor) or ``[loss, *metrics]`` on (x, y), in batches.

        >>> import tfjs_lab as tf
        >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1], kernel_initializer='ones')])
        >>> model.compile(optimizer='sgd', loss='meanSquaredError')
        >>> model.evaluate(tf.tensor2d([[1], [2]]), tf.tensor2d([[1], [3]])).print()
        Tensor
            0.5
        """
        self._require_compiled()
        if sample_weight is not None:
            raise NotImplementedError('sampleWeight is not supported by evaluate() (as in TF.js 4.22)')
        xs, ys = self._standardize_xy(x, y)
        outs = self._evaluate_arrays(xs, ys, check_batch_size(batch_size))
        return _one_or_list([Tensor(np.asarray(v, np.float32)) for v in outs])

    @takes_options
    def predict(self, x, *, batch_size=32, verbose=False, steps=None):
        """The model's outputs for ``x`` (a tensor, or a list for several outputs), computed in
        batches with no gradient recording."""
        fast = self._predict_on_chain(x, batch_size)
        if fast is not None:
            return fast
        xs = self._standardize_x(x)
        batch_size = check_batch_size(batch_size)
        num_samples = xs[0].shape[0]
        if num_samples <= batch_size:
            return _one_or_list(self._forward([Tensor(a) for a in xs], training=False))
        parts = [[o._data for o in self._forward([Tensor(a[s:e]) for a in xs], training=False)]
                 for s, e in batch_bounds(num_samples, batch_size)]
        return _one_or_list([Tensor(np.concatenate(column)) for column in zip(*parts)])

    def _array_chain(self):
        return None  # see Functional._array_chain

    def _predict_on_chain(self, x, batch_size):
        """``predict`` on arrays for a chain of Dense-like layers (``_array_chain``) given one
        float32 tensor of the expected width and at most one batch: the same values without a
        tensor per layer or the input checks (what one-sample predictions spend their time on).
        None where the general path must run (it also explains bad input)."""
        if type(x) is not Tensor or type(batch_size) is not int or recording():
            return None  # (inside tf.grad and the like, predict's ops are recorded, as in TF.js)
        chain, array = self._array_chain(), x._data
        if chain is None or type(array) is not np.ndarray or array.dtype is not _FLOAT32 or array.ndim != 2 or \
                array.shape[1] != chain[0] or not 0 < array.shape[0] <= batch_size:
            return None
        for fn in chain[1]:
            array = fn(array)
        return Tensor(array)

    def predict_on_batch(self, x):
        """The outputs for one batch ``x``, without batching."""
        return _one_or_list(self._forward([Tensor(a) for a in self._standardize_x(x)], training=False))

    def set_user_defined_metadata(self, metadata):
        """A JSON object saved with the model (``userDefinedMetadata`` in model.json)."""
        from .saving import check_user_defined_metadata
        self.user_defined_metadata = check_user_defined_metadata(metadata)

    def get_user_defined_metadata(self):
        return self.user_defined_metadata

    def apply(self, inputs, kwargs=None, **options):
        """Symbolically on ``tf.input`` tensors (the model becomes a layer of a bigger model),
        or eagerly on tensors (``model.apply(x, {'training': True})``)."""
        from .node import SymbolicTensor
        from .base_layer import to_list
        if any(isinstance(t, SymbolicTensor) for t in to_list(inputs)):
            return super().apply(inputs, kwargs, **options)
        options = {**(kwargs or {}), **options}
        xs = self._standardize_x(inputs)
        return _one_or_list(self._forward([Tensor(a) for a in xs], training=bool(options.get('training', False))))

    __call__ = apply


def _float_element_signature(element):
    """The trailing shapes of a ``{xs, ys}`` element of two float32 tensors with as many rows
    (what a batched tf.data pipeline gives a one-input, one-output model), or None."""
    if type(element) is not dict or len(element) != 2:
        return None
    x, y = element.get('xs'), element.get('ys')
    if type(x) is not Tensor or type(y) is not Tensor:
        return None
    x, y = x._data, y._data
    if x.dtype is not _FLOAT32 or y.dtype is not _FLOAT32 or x.ndim == 0 or y.ndim == 0 or x.shape[0] != y.shape[0]:
        return None
    return x.shape[1:], y.shape[1:]


def _fit_in_background(fit, arguments):
    from ..worker.background import fit_in_background  # here, not at the top: tfjs_lab.worker imports this module
    return fit_in_background(fit, arguments)


def _yield_policy(yield_every):
    """A function ``due(event)`` telling the loop when to call ``on_yield`` (TF.js's yieldEvery)."""
    if yield_every in ('never', None):
        return lambda event: False
    if yield_every in ('batch', 'epoch'):
        return lambda event: event == yield_every
    if yield_every == 'auto':
        interval = YIELD_EVERY_AUTO_MS
    elif isinstance(yield_every, (int, float)) and not isinstance(yield_every, bool) and yield_every >= 0:
        interval = yield_every
    else:
        raise ValueError(f"yieldEvery must be 'auto', 'batch', 'epoch', 'never' or a number of milliseconds; "
                         f'received {yield_every!r}')
    last = [time.perf_counter()]

    def due(event):
        now = time.perf_counter()
        if event == 'batch' and (now - last[0]) * 1000 >= interval:
            last[0] = now
            return True
        return False
    return due
