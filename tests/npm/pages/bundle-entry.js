// A web app's entry that an npm user bundles (tests/npm/test_pack.sh runs esbuild on it): the
// API from 'padlab' and the components from 'padlab/embed', through the package's exports map.
import { load } from 'padlab';
import 'padlab/embed';

const SEED = `from keras.models import Sequential
from keras.layers import Conv2D, Flatten, Dense
model = Sequential()
model.add(Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1)))
model.add(Flatten())
model.add(Dense(10, activation='softmax'))
`;

const pl = await load();
document.querySelector('#src').textContent = SEED;
document.querySelector('#out').textContent = pl.summary(SEED).text;
document.documentElement.dataset.bundle = 'ready';
