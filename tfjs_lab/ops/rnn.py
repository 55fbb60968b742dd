"""A fused LSTM recurrence: the whole time loop as one primitive.

The LSTM layer computes its input projection for every timestep in one matmul; what is left is
the recurrence, which op by op would record some twenty tape nodes per timestep. Here the
forward loop runs on NumPy arrays and the backward pass recomputes the gates of all timesteps
at once from the saved states (one matmul), looping only for the carried gradients.
"""
import numpy as np

from ..core.tape import Primitive


def _hard_sigmoid(x):
    return np.clip(x * 0.2 + 0.5, 0, 1)


def _hard_sigmoid_grad(x, y):
    u = x * 0.2 + 0.5  # TF.js's clipByValue passes the gradient on the closed interval
    return np.where((u >= 0) & (u <= 1), 0.2, 0).astype(x.dtype)


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


# name -> (forward, derivative from input x and output y), for the activations the fused loop knows
ACTIVATIONS = {
    'tanh': (np.tanh, lambda x, y: 1 - y * y),
    'sigmoid': (_sigmoid, lambda x, y: y * (1 - y)),
    'hardSigmoid': (_hard_sigmoid, _hard_sigmoid_grad),
    'relu': (lambda x: np.maximum(x, 0), lambda x, y: (x > 0).astype(x.dtype)),
    'linear': (lambda x: x, lambda x, y: np.ones_like(x)),
}


def _gates(z, units, activation, recurrent_activation):
    """Activated gates i, f, c~, o from pre-activations z [..., 4 * units]."""
    act, rec = ACTIVATIONS[activation][0], ACTIVATIONS[recurrent_activation][0]
    return (rec(z[..., :units]), rec(z[..., units:2 * units]),
            act(z[..., 2 * units:3 * units]), rec(z[..., 3 * units:]))


@Primitive
def _lstm_sequence(projected, recurrent_kernel, h0, c0, step_mask, recurrent_mask, *,
                   activation, recurrent_activation):
    """States of an LSTM over time: ``[T, batch, 2 * units]``, h then c at each step.

    ``projected`` is ``x @ kernel + bias`` per step ([T, batch, 4 * units], gates i, f, c, o);
    ``step_mask`` [T, batch, 1] keeps the previous state where 0 (TF.js's masking);
    ``recurrent_mask`` [batch, units] multiplies h before the recurrent matmul (dropout).
    """
    units = h0.shape[-1]
    act = ACTIVATIONS[activation][0]
    out = np.empty(projected.shape[:2] + (2 * units,), dtype=projected.dtype)
    h, c = h0, c0
    for t in range(projected.shape[0]):
        z = projected[t] + (h * recurrent_mask) @ recurrent_kernel
        i, f, g, o = _gates(z, units, activation, recurrent_activation)
        c_new = f * c + i * g
        h_new = o * act(c_new)
        m = step_mask[t]
        h = m * h_new + (1 - m) * h
        c = m * c_new + (1 - m) * c
        out[t, :, :units] = h
        out[t, :, units:] = c
    return out


@_lstm_sequence.defgrad
def _(g, out, projected, recurrent_kernel, h0, c0, step_mask, recurrent_mask, *,
      activation, recurrent_activation):
    units = h0.shape[-1]
    act, act_grad = ACTIVATIONS[activation]
    rec_grad = ACTIVATIONS[recurrent_activation][1]
    h_all, c_all = out[..., :units], out[..., units:]
    h_prev = np.concatenate([h0[None], h_all[:-1]]) * recurrent_mask
    c_prev = np.concatenate([c0[None], c_all[:-1]])
    z = projected + h_prev @ recurrent_kernel
    i, f, cand, o = _gates(z, units, activation, recurrent_activation)
    # Where a step is masked its new state is unused (gradient 0), so c_all stands for c_new.
    act_c = act(c_all)
    d_act_c = act_grad(c_all, act_c)
    d_i = rec_grad(z[..., :units], i)
    d_f = rec_grad(z[..., units:2 * units], f)
    d_cand = act_grad(z[..., 2 * units:3 * units], cand)
    d_o = rec_grad(z[..., 3 * units:], o)
    dz = np.empty_like(z)
    kernel_t = recurrent_kernel.T
    dh = np.zeros_like(h0)
    dc = np.zeros_like(c0)
    for t in range(z.shape[0] - 1, -1, -1):
        m = step_mask[t]
        dh_t = g[t, :, :units] + dh
        dc_t = g[t, :, units:] + dc
        dh_new = m * dh_t
        dc_new = m * dc_t + dh_new * o[t] * d_act_c[t]
        dz[t, :, :units] = dc_new * cand[t] * d_i[t]
        dz[t, :, units:2 * units] = dc_new * c_prev[t] * d_f[t]
        dz[t, :, 2 * units:3 * units] = dc_new * i[t] * d_cand[t]
        dz[t, :, 3 * units:] = dh_new * act_c[t] * d_o[t]
        dh = (dz[t] @ kernel_t) * recurrent_mask + (1 - m) * dh_t
        dc = dc_new * f[t] + (1 - m) * dc_t
    d_kernel = h_prev.reshape(-1, units).T @ dz.reshape(-1, 4 * units)
    return dz, d_kernel, dh, dc, None, None


def lstm_sequence(projected, recurrent_kernel, h0, c0, step_mask, recurrent_mask,
                  activation='tanh', recurrent_activation='hardSigmoid'):
    """Run the LSTM recurrence over time-major ``projected`` inputs; returns the states
    ``[T, batch, 2 * units]`` (h, then c). Activations are TF.js names from ``ACTIVATIONS``."""
    return _lstm_sequence(projected, recurrent_kernel, h0, c0, step_mask, recurrent_mask,
                          activation=activation, recurrent_activation=recurrent_activation)
