"""The seed model of the performance issue, shared by the benchmarks: dense 10 -> 32 relu ->
1 sigmoid, binary cross-entropy, Adam (TF.js's default learning rate, 1e-3)."""


def seed_layers(tf):
    return [tf.layers.dense(units=32, input_shape=[10], activation='relu'),
            tf.layers.dense(units=1, activation='sigmoid')]


def seed_model(tf, metrics=('accuracy',)):
    """The seed model, compiled; ``tf`` is the tfjs_lab module the caller imported."""
    model = tf.sequential(layers=seed_layers(tf))
    model.compile(optimizer='adam', loss='binaryCrossentropy', metrics=list(metrics))
    return model
