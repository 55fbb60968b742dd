"""A fused LSTM recurrence: the whole time loop as one primitive.

The LSTM layer computes its input projection for every timestep in one matmul; what is left is
the recurrence, which op by op would record some twenty tape nodes per timestep. Here the
forward loop runs on NumPy arrays and the backward pass recomputes the gates of all timesteps
at once from the saved states (one matmul), looping only for the carried gradients.
"""
import numpy as np

from ..core.tape import Primitive
from .fused import HALF, ONE, ZERO

_FIFTH = np.array(0.2, np.float32)  # 0-d, as fused.py's constants: a ufunc's fast path


def _hard_sigmoid(x, out=None):
    y = np.multiply(x, _FIFTH, out=out)
    y += HALF
    # np.clip's values, by the ufuncs themselves (np.clip's Python wrapper costs 4x per call)
    np.maximum(y, ZERO, out=y)
    return np.minimum(y, ONE, out=y)


def _hard_sigmoid_grad(x, y):
    # 0.2 where 0 <= 0.2x + 0.5 <= 1: TF.js's clipByValue passes the gradient on the closed interval
    return np.multiply(np.abs(x) <= 2.5, 0.2, dtype=x.dtype)


def _sigmoid(x, out=None):
    y = np.negative(x, out=out)
    with np.errstate(over='ignore'):  # exp overflows to inf for x < -88: the sigmoid is then 0
        np.exp(y, out=y)
    y += ONE
    return np.reciprocal(y, out=y)


def _linear(x, out=None):
    if out is None:
        return x.copy()  # a copy: _gates writes into the result
    np.copyto(out, x)
    return out


# name -> (forward into a new array or ``out``, derivative from input x and output y), for the
# activations the fused loop knows
ACTIVATIONS = {
    'tanh': (np.tanh, lambda x, y: ONE - y * y),
    'sigmoid': (_sigmoid, lambda x, y: y * (ONE - y)),
    'hardSigmoid': (_hard_sigmoid, _hard_sigmoid_grad),
    'relu': (lambda x, out=None: np.maximum(x, ZERO, out=out), lambda x, y: (x > ZERO).astype(x.dtype)),
    'linear': (_linear, lambda x, y: np.ones_like(x)),
}


def _pre_activations(projected_t, h, recurrent_kernel, recurrent_mask, out=None):
    # (ndarray.dot: less call overhead than matmul, 20 times a sequence)
    z = (h if recurrent_mask is None else h * recurrent_mask).dot(recurrent_kernel, out)
    z += projected_t
    return z


def _dropped(recurrent_mask):
    """The recurrent dropout mask, or None when it keeps everything (no multiplication needed)."""
    return None if recurrent_mask.shape[0] == 1 and (recurrent_mask == 1).all() else recurrent_mask


def _gates(z, units, activation, recurrent_activation, out=None):
    """Activated gates i, f, c~, o from pre-activations z [..., 4 * units] (into ``out`` when
    given): the recurrent activation in one call over all four blocks (c~'s block is then replaced)."""
    gates = ACTIVATIONS[recurrent_activation][0](z, out=out)
    candidate = np.s_[..., 2 * units:3 * units]
    ACTIVATIONS[activation][0](z[candidate], out=gates[candidate])
    return gates


@Primitive
def _lstm_sequence(projected, recurrent_kernel, h0, c0, step_mask, recurrent_mask, *,
                   activation, recurrent_activation, saved=None):
    """States of an LSTM over time: ``[T, batch, 2 * units]``, h then c at each step.

    ``projected`` is ``x @ kernel + bias`` per step ([T, batch, 4 * units], gates i, f, c, o);
    ``step_mask`` [T, batch, 1] keeps the previous state where 0 (TF.js's masking);
    ``recurrent_mask`` [batch, units] multiplies h before the recurrent matmul (dropout).
    ``saved``, a dict (the tape node holds it), receives every step's pre-activations, gates
    and activated cell state when nothing is masked, so that the backward need not recompute them.
    """
    units = h0.shape[-1]
    act = ACTIVATIONS[activation][0]
    masked = not step_mask.all()
    recurrent_mask = _dropped(recurrent_mask)
    out = np.empty(projected.shape[:2] + (2 * units,), dtype=projected.dtype)
    keep = saved is not None and not masked
    if keep:
        saved.update(z=np.empty_like(projected), gates=np.empty_like(projected),
                     act_c=np.empty(out.shape[:2] + (units,), out.dtype))
    h, c = h0, c0
    for t in range(projected.shape[0]):
        z = _pre_activations(projected[t], h, recurrent_kernel, recurrent_mask, saved['z'][t] if keep else None)
        gates = _gates(z, units, activation, recurrent_activation, saved['gates'][t] if keep else None)
        h_t, c_t = out[t, :, :units], out[t, :, units:]  # written in place: f * c + i * c~, o * act(c)
        if masked:
            m = step_mask[t]
            c_new = gates[:, units:2 * units] * c + gates[:, :units] * gates[:, 2 * units:3 * units]
            h_new = gates[:, 3 * units:] * act(c_new)
            h_t[...] = m * h_new + (1 - m) * h
            c_t[...] = m * c_new + (1 - m) * c
        else:
            np.multiply(gates[:, units:2 * units], c, out=c_t)
            c_t += gates[:, :units] * gates[:, 2 * units:3 * units]
            np.multiply(gates[:, 3 * units:], act(c_t, out=saved['act_c'][t] if keep else None), out=h_t)
        h, c = h_t, c_t
    return out


@_lstm_sequence.defgrad
def _(g, out, projected, recurrent_kernel, h0, c0, step_mask, recurrent_mask, *,
      activation, recurrent_activation, saved=None):
    steps, batch = projected.shape[:2]
    units = h0.shape[-1]
    act, act_grad = ACTIVATIONS[activation]
    rec_grad = ACTIVATIONS[recurrent_activation][1]
    masked = not step_mask.all()
    recurrent_mask = _dropped(recurrent_mask)
    h_all, c_all = out[..., :units], out[..., units:]
    h_prev = np.concatenate([h0[None], h_all[:-1]])
    if recurrent_mask is not None:
        h_prev *= recurrent_mask
    c_prev = np.concatenate([c0[None], c_all[:-1]])
    if saved:
        z, gates, act_c = saved['z'], saved['gates'], saved['act_c']
    else:  # every timestep's gates at once; only the carried gradients need the loop below
        z = h_prev @ recurrent_kernel
        z += projected
        gates = _gates(z, units, activation, recurrent_activation)
        # Where a step is masked its new state is unused (gradient 0), so c_all stands for c_new.
        act_c = act(c_all)
    i, f, cand, o = (gates[..., k * units:(k + 1) * units] for k in range(4))
    d_gates = rec_grad(z, gates)
    d_gates[..., 2 * units:3 * units] = act_grad(z[..., 2 * units:3 * units], cand)
    from_h = o * act_grad(c_all, act_c)  # d c_new / d h_new
    # d z / d c_new for gates i, f, c~ (as [T, batch, 3, units]), and d z_o / d h_new
    by_c = np.stack([cand * d_gates[..., :units], c_prev * d_gates[..., units:2 * units],
                     i * d_gates[..., 2 * units:3 * units]], axis=2)
    by_h = act_c * d_gates[..., 3 * units:]
    dz = np.empty_like(z)
    dz_by_c = dz[..., :3 * units].reshape(steps, batch, 3, units)
    kernel_t = recurrent_kernel.T
    dh, dc = np.zeros_like(h0), np.zeros_like(c0)
    # the steps whose states get a gradient from outside (only the last, without returnSequences)
    outside = g.reshape(steps, -1).any(axis=1).tolist()
    for t in range(steps - 1, -1, -1):
        dh_t, dc_t = (g[t, :, :units] + dh, g[t, :, units:] + dc) if outside[t] else (dh, dc)
        if masked:
            m = step_mask[t]
            dh_new, dc_new = m * dh_t, m * dc_t
        else:
            dh_new, dc_new = dh_t, dc_t
        dc_new = dc_new + dh_new * from_h[t]
        np.multiply(by_c[t], dc_new[:, None, :], out=dz_by_c[t])
        np.multiply(by_h[t], dh_new, out=dz[t, :, 3 * units:])
        dh = dz[t].dot(kernel_t)
        if recurrent_mask is not None:
            dh *= recurrent_mask
        dc = dc_new * f[t]
        if masked:
            dh += (1 - m) * dh_t
            dc += (1 - m) * dc_t
    d_kernel = h_prev.reshape(-1, units).T @ dz.reshape(-1, 4 * units)
    return dz, d_kernel, dh, dc, None, None


def lstm_sequence(projected, recurrent_kernel, h0, c0, step_mask, recurrent_mask,
                  activation='tanh', recurrent_activation='hardSigmoid'):
    """Run the LSTM recurrence over time-major ``projected`` inputs; returns the states
    ``[T, batch, 2 * units]`` (h, then c). Activations are TF.js names from ``ACTIVATIONS``."""
    return _lstm_sequence(projected, recurrent_kernel, h0, c0, step_mask, recurrent_mask,
                          activation=activation, recurrent_activation=recurrent_activation, saved={})
