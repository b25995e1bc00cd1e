import { mount } from 'svelte';
import App from './App.svelte';
import { guide } from './lib/guide';
import { makeApi } from '../../shared/ipc/api';
import './styles/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element');

mount(App, { target, props: { guide, api: makeApi(window.stillwater) } });
