import { mount } from 'svelte';
import App from './App.svelte';
import { composeApp } from './compose';
import { makeApi } from '../../shared/ipc/api';
import './styles/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element');

mount(App, { target, props: composeApp(makeApi(window.stillwater)) });
